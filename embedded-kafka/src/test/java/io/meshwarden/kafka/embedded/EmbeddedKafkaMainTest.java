package io.meshwarden.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class EmbeddedKafkaMainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void defaultsToPort9092WithATemporaryDirectoryAndNoTopics() {
        MainOptions options = parse();

        assertThat(options.port).isEqualTo(9092);
        assertThat(options.dataDir).isNull();
        assertThat(options.topics).isEmpty();
    }

    @Test
    void parsesEveryOptionInBothSpellings() {
        MainOptions options = parse("--port=19093", "--data-dir", "/var/tmp/kafka",
                "--topic", "orders", "--topic=payments:3");

        assertThat(options.port).isEqualTo(19093);
        assertThat(options.dataDir).isEqualTo(Path.of("/var/tmp/kafka"));
        assertThat(options.topics).containsExactly(
                new MainOptions.TopicSpec("orders", 1), new MainOptions.TopicSpec("payments", 3));
    }

    @Test
    void parsesTheSecuredBrokersUsers() {
        MainOptions options = parse("--secure", "--user", "paid-media", "--user=social", "--super-user", "quality-streams");

        assertThat(options.secure).isTrue();
        assertThat(options.users).containsExactly("paid-media", "social");
        assertThat(options.superUsers).containsExactly("quality-streams");
        assertThat(parse().secure).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            --bogus                  | Unknown option: '--bogus'
            --port 1 --port 2        | option '--port' (N) should be specified only once
            --port                   | Missing required parameter for option '--port' (N)
            --port --topic           | Expected parameter for option '--port' but found '--topic'
            --port abc               | Invalid value for option '--port': 'abc' is not a number
            --port 70000             | Invalid value for option '--port': must be between 0 and 65535, was 70000
            --port -1                | Invalid value for option '--port': must be between 0 and 65535, was -1
            --data-dir               | Missing required parameter for option '--data-dir' (DIR)
            --topic :3               | Invalid value for option '--topic' (NAME[:PARTITIONS]): needs a name, was ':3'
            --topic orders:x         | Invalid value for option '--topic' (NAME[:PARTITIONS]): orders:x: partitions must be a number, was 'x'
            --topic orders:0         | Invalid value for option '--topic' (NAME[:PARTITIONS]): orders:0: partitions must be at least 1, was 0
            """)
    void rejectsBadArgumentsWithAClearMessage(String commandLine, String message) {
        String[] args = commandLine.trim().split("\\s+");

        assertThatThrownBy(() -> parse(args))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessage(message);
    }

    @Test
    void parsesTheOptionsOfANodeOfACluster() {
        MainOptions options = parse("--nodes", "3", "--node-id", "2", "--port", "19092", "--controller-port", "19192",
                "--cluster-id", "MkU3OEVBNTcwNTJENDM2Qk", "--data-dir", "/var/tmp/kafka-2");

        assertThat(options.isQuorumMember()).isTrue();
        assertThat(options.nodes).isEqualTo(3);
        assertThat(options.nodeId).isEqualTo(2);
        assertThat(options.controllerPort).isEqualTo(19192);
        assertThat(options.clusterId).isEqualTo("MkU3OEVBNTcwNTJENDM2Qk");
        assertThat(parse().isQuorumMember()).as("the single-node default").isFalse();
    }

    @Test
    void nodeOfAClusterTakesItsPortsFromItsIdAndKnowsEveryVoter() {
        QuorumMember member = new QuorumMember(2, 3, 19092, 19192, "MkU3OEVBNTcwNTJENDM2Qk", Path.of("/var/tmp/kafka-2"));

        assertThat(member.clientPort()).isEqualTo(19093);
        assertThat(member.controllerPort()).isEqualTo(19193);
        assertThat(member.bootstrapServers()).isEqualTo("127.0.0.1:19092,127.0.0.1:19093,127.0.0.1:19094");
        assertThat(member.settings().toProperties(java.util.Map.of()))
                .containsEntry("node.id", "2")
                .containsEntry("controller.quorum.voters", "1@127.0.0.1:19192,2@127.0.0.1:19193,3@127.0.0.1:19194")
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:19093,CONTROLLER://127.0.0.1:19193")
                .containsEntry("default.replication.factor", "3")
                .containsEntry("min.insync.replicas", "2");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            --nodes 3 --port 19092 --controller-port 19192 --cluster-id MkU3OEVBNTcwNTJENDM2Qk --data-dir d | --node-id is required with --nodes 3 (and with --controller-port or --cluster-id)
            --nodes 3 --node-id 4 --port 19092 --controller-port 19192 --cluster-id MkU3OEVBNTcwNTJENDM2Qk --data-dir d | --node-id must be between 1 and --nodes (3), was 4
            --nodes 3 --node-id 0 --port 19092 --controller-port 19192 --cluster-id MkU3OEVBNTcwNTJENDM2Qk --data-dir d | --node-id must be between 1 and --nodes (3), was 0
            --nodes 0 --node-id 1 --port 19092 --controller-port 19192 --cluster-id MkU3OEVBNTcwNTJENDM2Qk --data-dir d | --nodes must be at least 1, was 0
            --nodes 3 --node-id 1 --port 19092 --controller-port 19192 --data-dir d | --cluster-id is required for a node of a cluster; give every node the same one (kafka-storage.sh random-uuid prints one)
            --nodes 3 --node-id 1 --port 19092 --controller-port 19192 --cluster-id not-an-id --data-dir d | --cluster-id 'not-an-id' is not a Kafka cluster id (a UUID in 22 characters of URL-safe base64, as kafka-storage.sh random-uuid prints)
            --nodes 3 --node-id 1 --port 19092 --cluster-id MkU3OEVBNTcwNTJENDM2Qk --data-dir d | --controller-port is required for a node of a cluster
            --nodes 3 --node-id 1 --port 19092 --controller-port 19192 --cluster-id MkU3OEVBNTcwNTJENDM2Qk | --data-dir is required for a node of a cluster, so that it restarts on its data
            --nodes 3 --node-id 1 --port 0 --controller-port 19192 --cluster-id MkU3OEVBNTcwNTJENDM2Qk --data-dir d | --port of a node of a cluster must be a fixed port from which 3 ports fit below 65536 (the nodes find each other by number), was 0
            --nodes 3 --node-id 1 --port 19092 --controller-port 19093 --cluster-id MkU3OEVBNTcwNTJENDM2Qk --data-dir d | client ports 19092-19094 and controller ports 19093-19095 overlap
            --nodes 3 --node-id 1 --port 19092 --controller-port 65534 --cluster-id MkU3OEVBNTcwNTJENDM2Qk --data-dir d | --controller-port of a node of a cluster must be a fixed port from which 3 ports fit below 65536 (the nodes find each other by number), was 65534
            --nodes 3 --node-id 1 --port 19092 --controller-port 19192 --cluster-id MkU3OEVBNTcwNTJENDM2Qk --data-dir d --topic t | --topic cannot be used with --nodes; create topics through any node once the cluster is up
            --node-id 2 --port 19092 --controller-port 19192 --cluster-id MkU3OEVBNTcwNTJENDM2Qk --data-dir d | --node-id must be between 1 and --nodes (1), was 2
            """)
    void badCombinationsForANodeOfAClusterExitWithCode2AndSayWhy(String commandLine, String message) {
        int exitCode = EmbeddedKafkaMain.run(commandLine.trim().split("\\s+"), print(out), print(err));

        assertThat(exitCode).isEqualTo(2);
        assertThat(text(out)).isEmpty();
        assertThat(text(err)).startsWith(message + System.lineSeparator()).contains("Usage: embedded-kafka");
    }

    @Test
    void badArgumentsExitWithCode2AndPrintTheProblemAndUsage() {
        int exitCode = EmbeddedKafkaMain.run(new String[] {"--port", "abc"}, print(out), print(err));

        assertThat(exitCode).isEqualTo(2);
        assertThat(text(out)).isEmpty();
        assertThat(text(err)).startsWith("Invalid value for option '--port': 'abc' is not a number")
                .contains("Usage: embedded-kafka");
    }

    @Test
    void helpPrintsUsageAndExitsWithoutStartingABroker() {
        int exitCode = EmbeddedKafkaMain.run(new String[] {"--help"}, print(out), print(err));

        assertThat(exitCode).isZero();
        assertThat(text(out)).contains("--port=N", "--data-dir=DIR", "--topic=NAME[:PARTITIONS]", "--help");
        assertThat(text(err)).isEmpty();
    }

    @Test
    void takenPortGivesAOneLineErrorInsteadOfAStackTrace() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int exitCode = EmbeddedKafkaMain.run(new String[] {"--port", Integer.toString(taken.getLocalPort())},
                    print(out), print(err));

            assertThat(exitCode).isEqualTo(1);
            assertThat(text(out)).isEmpty();
            assertThat(text(err).strip())
                    .isEqualTo("error: port " + taken.getLocalPort()
                            + " on 127.0.0.1 is already in use; stop whatever listens there or pass --port");
        }
    }

    private static MainOptions parse(String... args) {
        MainOptions options = new MainOptions();
        new CommandLine(options).parseArgs(args);
        return options;
    }

    private static PrintStream print(ByteArrayOutputStream target) {
        return new PrintStream(target, true, StandardCharsets.UTF_8);
    }

    private static String text(ByteArrayOutputStream target) {
        return target.toString(StandardCharsets.UTF_8);
    }
}
