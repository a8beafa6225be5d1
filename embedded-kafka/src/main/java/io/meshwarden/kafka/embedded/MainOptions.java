package io.meshwarden.kafka.embedded;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command-line options of {@link EmbeddedKafkaMain}, parsed by hand to keep this module free of a CLI
 * library. Every mistake becomes an {@link IllegalArgumentException} whose message can be shown as-is.
 *
 * @param port    client port, 9092 unless {@code --port} says otherwise (0 picks a free one)
 * @param dataDir persistent data directory, or {@code null} for a temporary one
 * @param topics  topics to create at startup, in the order given
 * @param help    whether {@code --help} was asked for
 */
record MainOptions(int port, Path dataDir, List<TopicSpec> topics, boolean help) {

    static final int DEFAULT_PORT = 9092;

    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: EmbeddedKafkaMain [--port N] [--data-dir DIR] [--topic NAME[:PARTITIONS]]...",
            "  --port N                   client port on 127.0.0.1 (default 9092, 0 = any free port)",
            "  --data-dir DIR             keep data in DIR across restarts (default: temp dir, deleted on exit)",
            "  --topic NAME[:PARTITIONS]  create a topic at startup (default 1 partition); repeatable",
            "  --help                     show this help");

    MainOptions {
        topics = List.copyOf(topics);
    }

    /** A topic to create at startup. */
    record TopicSpec(String name, int partitions) {
    }

    static MainOptions parse(String... args) {
        int port = DEFAULT_PORT;
        Path dataDir = null;
        List<TopicSpec> topics = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String option = arg;
            String inlineValue = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                option = arg.substring(0, equals);
                inlineValue = arg.substring(equals + 1);
            }
            switch (option) {
                case "--help", "-h" -> {
                    return new MainOptions(port, dataDir, topics, true);
                }
                case "--port" -> port = parsePort(inlineValue != null ? inlineValue : valueAfter(args, i++, option));
                case "--data-dir" -> dataDir = parseDataDir(inlineValue != null ? inlineValue : valueAfter(args, i++, option));
                case "--topic" -> topics.add(parseTopic(inlineValue != null ? inlineValue : valueAfter(args, i++, option)));
                default -> throw new IllegalArgumentException("unknown option '" + arg + "'");
            }
        }
        return new MainOptions(port, dataDir, topics, false);
    }

    private static String valueAfter(String[] args, int index, String option) {
        if (index + 1 >= args.length || args[index + 1].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index + 1];
    }

    private static int parsePort(String value) {
        int port;
        try {
            port = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port must be a number, was '" + value + "'");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--port must be between 0 and 65535, was " + port);
        }
        return port;
    }

    private static Path parseDataDir(String value) {
        if (value.isBlank()) {
            throw new IllegalArgumentException("--data-dir must not be empty");
        }
        return Path.of(value);
    }

    private static TopicSpec parseTopic(String value) {
        int colon = value.lastIndexOf(':');
        String name = colon < 0 ? value : value.substring(0, colon);
        if (name.isBlank()) {
            throw new IllegalArgumentException("--topic needs a name, was '" + value + "'");
        }
        if (colon < 0) {
            return new TopicSpec(name, 1);
        }
        String count = value.substring(colon + 1);
        int partitions;
        try {
            partitions = Integer.parseInt(count.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--topic " + value + ": partitions must be a number, was '" + count + "'");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("--topic " + value + ": partitions must be at least 1, was " + partitions);
        }
        return new TopicSpec(name, partitions);
    }
}
