package io.meshwarden.sla.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwarden.avro.Severity;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.kafka.embedded.EmbeddedKafka;
import io.meshwarden.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwarden.schemas.hostile.HostileStrings;
import io.meshwarden.sla.it.SlaService.Answer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile-input suite at the SLA monitor's API: every string of {@link HostileStrings#CORPUS}
 * as a path segment, a query parameter and in a command's JSON body is answered with JSON, a 2xx or
 * a 4xx naming its field, never a 5xx; violations whose product id is hostile come back in the API's
 * JSON exactly as written (JSON escapes them; the dashboard shows them as text, DashboardIT).
 */
@EmbeddedKafka
class SlaHostileInputIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The corpus without the megabyte string (a URL of a megabyte is refused by the HTTP client, not the service). */
    private static final List<String> HOSTILE = HostileStrings.CORPUS.stream().filter(s -> s.length() < 100_000).toList();
    /** A domain, as governance's violations of a rejected change carry one; the rest of the id is hostile. */
    private static final String PREFIX = "hostile.";
    private static SlaService sla;

    @BeforeAll
    static void start(EmbeddedKafkaBroker kafka, @TempDir Path stateDir) {
        sla = new SlaService(kafka.bootstrapServers(), stateDir, Map.of());
        for (int i = 0; i < HOSTILE.size(); i++) {
            sla.violation(PREFIX + HOSTILE.get(i), "naming.product-id", Severity.BLOCKING, ViolationStatus.BREACH, Instant.now().minusSeconds(i));
        }
        sla.awaitJson("/api/violations?limit=1000", list -> list.size() >= HOSTILE.size());
    }

    @AfterAll
    static void stop() {
        if (sla != null) {
            sla.close();
        }
    }

    @Test
    void hostileProductIdsComeBackInTheApiJsonExactly() {
        JsonNode violations = sla.get("/api/violations?limit=1000").body();
        Set<String> ids = new HashSet<>();
        StreamSupport.stream(violations.spliterator(), false).forEach(v -> ids.add(v.get("productId").asText()));
        assertThat(ids).containsAll(HOSTILE.stream().map(text -> asUtf8(PREFIX + text)).toList());
    }

    @Test
    void everyHostileStringInAPathAQueryOrABodyIsAnsweredWithJsonAndNeverA5xx() throws Exception {
        for (String text : HOSTILE) {
            String encoded = URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
            for (String path : List.of("/api/catalog?q=" + encoded, "/api/catalog?domain=" + encoded, "/api/products/" + encoded,
                    "/api/alerts?productId=" + encoded, "/api/violations?productId=" + encoded + "&limit=" + encoded,
                    "/api/alerts/" + encoded + "/naming.product-id", "/api/access-requests?state=" + encoded)) {
                assertAnswered(sla.get(path), "GET " + path);
            }
            // In a path, a hostile id; in the body, every string whatever its length (a long request line is the
            // HTTP server's to refuse, and it may close the connection without an answer, as servers do).
            String target = encoded.length() <= 2_000 ? encoded : "hostile.long";
            String body = JSON.createObjectNode().put("reason", text).put("actor", text).toString();
            assertAnswered(sla.post("/api/alerts/" + target + "/naming.product-id/acknowledge", body), "POST ack " + text);
            assertAnswered(sla.post("/api/alerts/" + target + "/naming.product-id/snooze",
                    JSON.createObjectNode().put("until", text).toString()), "POST snooze " + text);
            assertAnswered(sla.post("/api/access-requests", JSON.createObjectNode().put("productId", text).put("principal", text)
                    .put("purpose", text).put("duration", text).toString()), "POST access request " + text);
        }
    }

    private static void assertAnswered(Answer answer, String what) {
        String shown = what.length() > 200 ? what.substring(0, 200) + "..." : what;
        assertThat(answer.status()).as(shown + ": " + answer.body()).isLessThan(500);
        if (answer.status() == 413 || answer.status() == 414 || answer.status() == 431) {
            // Refused for its size by the HTTP server before any route: a clear 4xx, in the server's own words.
            assertThat(answer.body()).as(shown + " answers JSON").isNotNull();
        } else if (answer.status() >= 400 && answer.status() != 404 && answer.status() != 409) {
            assertThat(answer.body()).as(shown + " answers JSON").isNotNull();
            assertThat(answer.body().has("field") || answer.body().has("role")).as(shown + " names the field: " + answer.body()).isTrue();
        }
    }

    private static String asUtf8(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }
}
