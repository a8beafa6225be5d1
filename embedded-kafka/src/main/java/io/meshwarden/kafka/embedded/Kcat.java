package io.meshwarden.kafka.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

/**
 * Produces records with kcat, librdkafka's command-line client, for tests that must meet what a
 * non-Java producer (Python, Go, .NET, Node: all librdkafka) sends: its own default partitioner
 * ({@code consistent_random}, CRC32 of the key) rather than the Java client's murmur2. kcat must be
 * on the PATH ({@code apt-get install kcat}; the project's test script installs it).
 */
public final class Kcat {
    private static final String KEY_DELIMITER = "\t";
    private static final long TIMEOUT_SECONDS = 60;

    private Kcat() {
    }

    /**
     * Sends each entry as one record (key, value as UTF-8 text) with librdkafka's default
     * partitioner, and returns once kcat has had every record acknowledged. Neither key nor value
     * may hold a tab or a line break.
     */
    public static void produce(String bootstrapServers, String topic, List<Map.Entry<String, String>> records) {
        List<String> lines = new ArrayList<>(records.size());
        for (Map.Entry<String, String> record : records) {
            String line = record.getKey() + KEY_DELIMITER + record.getValue();
            if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0 || record.getKey().contains(KEY_DELIMITER)
                    || record.getValue().contains(KEY_DELIMITER)) {
                throw new IllegalArgumentException("a kcat record is one line, its key without a tab: " + record.getKey());
            }
            lines.add(line);
        }
        run(lines, "-b", bootstrapServers, "-P", "-t", topic, "-K", KEY_DELIMITER, "-X", "acks=all");
    }

    /** The partition librdkafka's default partitioner picks for a non-empty key: CRC32 of its bytes. */
    public static int defaultPartition(String key, int partitions) {
        CRC32 crc = new CRC32();
        crc.update(key.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % partitions);
    }

    private static void run(List<String> input, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add("kcat");
        command.addAll(List.of(arguments));
        Path stdin = null;
        Path stderr = null;
        try {
            stdin = Files.createTempFile("kcat-in-", ".txt");
            stderr = Files.createTempFile("kcat-err-", ".txt");
            Files.write(stdin, input, StandardCharsets.UTF_8);
            Process process = new ProcessBuilder(command).redirectInput(stdin.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(stderr.toFile()).start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new EmbeddedKafkaException("kcat did not finish within " + TIMEOUT_SECONDS + " s: " + command);
            }
            if (process.exitValue() != 0) {
                throw new EmbeddedKafkaException("kcat exited with " + process.exitValue() + ": "
                        + Files.readString(stderr, StandardCharsets.UTF_8).strip());
            }
        } catch (IOException e) {
            throw new EmbeddedKafkaException("could not run kcat (is it installed? apt-get install kcat): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedKafkaException("interrupted while kcat was running", e);
        } finally {
            deleteQuietly(stdin);
            deleteQuietly(stderr);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // A temporary file left behind is harmless.
            }
        }
    }
}
