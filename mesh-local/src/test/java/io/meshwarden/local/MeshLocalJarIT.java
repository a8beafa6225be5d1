package io.meshwarden.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.kafka.embedded.TopicTail;
import io.meshwarden.schemas.Topics;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The packaged runner as a user starts it: {@code java -jar mesh-local.jar} in its own process, as
 * mesh-local.sh does, here with {@code MESHWARDEN_OUTPUT_FORMAT=json} in its environment. Catches what
 * in-process tests cannot: a classpath the jar's manifest lacks, a main that does not trust the Avro
 * classes itself, an environment the command line's defaults override, a banner that lies, a SIGTERM
 * that does not stop everything.
 */
class MeshLocalJarIT {
    private static final Pattern API = Pattern.compile("API\\s+(http://\\S+)/api/violations");
    private static final Pattern KAFKA = Pattern.compile("Kafka\\s+(\\S+) \\(embedded KRaft broker\\)");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void startsFromTheJarWritesTheOutputFormatOfItsEnvironmentAndStopsCleanlyOnSigterm() throws Exception {
        Path jar = Path.of(System.getProperty("mesh-local.jar", "target/mesh-local-" + System.getProperty("project.version") + ".jar"));
        assertThat(jar).exists();
        ProcessBuilder builder = new ProcessBuilder("java", "-Xmx512m", "-jar", jar.toString(),
                "--kafka-port", "0", "--http-port", "0", "--metric-interval", "PT1S").redirectErrorStream(true);
        builder.environment().put("MESHWARDEN_OUTPUT_FORMAT", "json");
        Process process = builder.start();
        List<String> output = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                lines.lines().forEach(output::add);
            } catch (java.io.IOException e) {
                output.add("reader failed: " + e);
            }
        });
        reader.start();
        try {
            String api = await().atMost(Duration.ofSeconds(90)).until(() -> find(API, output), url -> url != null);
            await().atMost(Duration.ofSeconds(10)).until(() -> output.stream().anyMatch(line -> line.matches("\\s*Output\\s+json")));
            String decisions = MeshwardenConfig.defaults(Map.of()).topics().name(Topics.DECISIONS);
            try (TopicTail tail = TopicTail.of(find(KAFKA, output), decisions)) {
                ConsumerRecord<byte[], byte[]> decision = await().atMost(Duration.ofSeconds(60))
                        .until(() -> tail.poll(decisions), records -> !records.isEmpty()).get(0);
                assertThat(JSON.readTree(decision.value()).get("productId").asText())
                        .as("a JSON decision, not Avro").isEqualTo(new String(decision.key(), StandardCharsets.UTF_8));
            }
            HttpClient http = HttpClient.newHttpClient();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(api + "/api/violations"))
                                .header("Authorization", LocalMeshIT.DEMO_VIEWER).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.body()).contains("customer-analytics.lifecycle-stage").contains("social.InfluencerMentions");
            });

            // SIGTERM through the handle: Process.destroy() would also close our end of its output.
            process.toHandle().destroy();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stopped within a minute of SIGTERM; output:%n%s",
                    String.join("\n", output)).isTrue();
            reader.join(5_000);
            assertThat(output).as("exit code %d, output:%n%s", process.exitValue(), String.join("\n", output))
                    .anyMatch(line -> line.contains("mesh-local stopping"));
            assertThat(output).noneMatch(line -> line.contains("Exception in thread"));
        } finally {
            process.destroyForcibly();
        }
    }

    private static String find(Pattern pattern, List<String> output) {
        for (String line : output) {
            Matcher matcher = pattern.matcher(line);
            if (matcher.find()) {
                return matcher.group(1);
            }
        }
        return null;
    }
}
