package io.meshwarden.kafka.embedded;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * Command-line options of {@link EmbeddedKafkaMain}, parsed by picocli. They are the broker's own
 * (port, data directory, topics), not Meshwarden settings: this module knows nothing of the layered
 * configuration, which is why the standalone broker takes no {@code --config} and reads no variables.
 *
 * <p>With {@code --nodes} above 1 the process is one node of a static quorum ({@link QuorumMember}):
 * node {@code i} listens on {@code --port + i - 1} and {@code --controller-port + i - 1}.
 */
final class MainOptions {
    static final int DEFAULT_PORT = 9092;

    @Option(names = "--port", paramLabel = "N", defaultValue = "" + DEFAULT_PORT, converter = PortConverter.class,
            description = "Client port on 127.0.0.1; 0 picks any free port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--data-dir", paramLabel = "DIR", converter = DirectoryConverter.class,
            description = "Keep data in DIR across restarts (default: a temporary directory, deleted on exit).")
    Path dataDir;

    @Option(names = "--topic", paramLabel = "NAME[:PARTITIONS]", converter = TopicConverter.class,
            description = "Create a topic at start, with 1 partition unless given; repeatable.")
    List<TopicSpec> topics = new ArrayList<>();

    @Option(names = "--nodes", paramLabel = "N", defaultValue = "1",
            description = "Nodes of the cluster; above 1 this process is one of them, --node-id (default: ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--node-id", paramLabel = "ID",
            description = "This node's id, 1 to --nodes; its ports are --port and --controller-port plus ID - 1.")
    Integer nodeId;

    @Option(names = "--controller-port", paramLabel = "N", converter = PortConverter.class,
            description = "Controller port of node 1 on 127.0.0.1; node ID listens on N + ID - 1 (only with --nodes).")
    Integer controllerPort;

    @Option(names = "--cluster-id", paramLabel = "ID",
            description = "Kafka cluster id shared by every node, e.g. from kafka-storage.sh random-uuid (only with --nodes).")
    String clusterId;

    @Option(names = "--secure", description = {"Require SASL/SCRAM-SHA-512 and enforce ACLs (StandardAuthorizer);",
            "prints the super user 'admin' and every --user with generated passwords."})
    boolean secure;

    @Option(names = "--user", paramLabel = "NAME", description = "With --secure: an ordinary SCRAM user, bound by ACLs; repeatable.")
    List<String> users = new ArrayList<>();

    @Option(names = "--super-user", paramLabel = "NAME", description = "With --secure: a super user besides 'admin'; repeatable.")
    List<String> superUsers = new ArrayList<>();

    /** Whether these options name one node of a multi-node cluster rather than a single broker. */
    boolean isQuorumMember() {
        return nodes > 1 || nodeId != null || controllerPort != null || clusterId != null;
    }

    /** A topic to create at startup. */
    record TopicSpec(String name, int partitions) {
    }

    static final class PortConverter implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int port = whole(value, "'" + value + "' is not a number");
            if (port < 0 || port > 65_535) {
                throw new TypeConversionException("must be between 0 and 65535, was " + port);
            }
            return port;
        }
    }

    static final class DirectoryConverter implements ITypeConverter<Path> {
        @Override
        public Path convert(String value) {
            if (value.isBlank()) {
                throw new TypeConversionException("must not be empty");
            }
            return Path.of(value);
        }
    }

    static final class TopicConverter implements ITypeConverter<TopicSpec> {
        @Override
        public TopicSpec convert(String value) {
            int colon = value.lastIndexOf(':');
            String name = colon < 0 ? value : value.substring(0, colon);
            if (name.isBlank()) {
                throw new TypeConversionException("needs a name, was '" + value + "'");
            }
            if (colon < 0) {
                return new TopicSpec(name, 1);
            }
            String count = value.substring(colon + 1);
            int partitions = whole(count, value + ": partitions must be a number, was '" + count + "'");
            if (partitions < 1) {
                throw new TypeConversionException(value + ": partitions must be at least 1, was " + partitions);
            }
            return new TopicSpec(name, partitions);
        }
    }

    private static int whole(String value, String problem) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new TypeConversionException(problem);
        }
    }
}
