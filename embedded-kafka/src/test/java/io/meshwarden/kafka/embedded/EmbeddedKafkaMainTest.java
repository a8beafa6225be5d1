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
