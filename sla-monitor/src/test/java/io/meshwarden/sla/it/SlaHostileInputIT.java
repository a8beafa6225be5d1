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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
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
 * a 4xx naming its field, never a 5xx, and in request headers (Authorization, Accept, a custom one,
 * sent as raw bytes) answered with JSON, never a 5xx; violations whose product id is hostile come back in the API's
 * JSON exactly as written (JSON escapes them; the dashboard shows them as text, DashboardIT).
 */
@EmbeddedKafka
class SlaHostileInputIT {
    /** {@code micronaut.server.max-request-size} of the service (1MB). */
    private static final int MAX_REQUEST_BYTES = 1024 * 1024;
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
            assertPostAnswered("/api/alerts/" + target + "/naming.product-id/acknowledge", body, "POST ack " + text);
            assertPostAnswered("/api/alerts/" + target + "/naming.product-id/snooze",
                    JSON.createObjectNode().put("until", text).toString(), "POST snooze " + text);
            assertPostAnswered("/api/access-requests", JSON.createObjectNode().put("productId", text).put("principal", text)
                    .put("purpose", text).put("duration", text).toString(), "POST access request " + text);
        }
    }

    @Test
    void everyHostileStringInARequestHeaderIsAnsweredWithJsonAndNeverA5xx() throws IOException {
        String bearer = "Bearer " + sla.token(SlaService.OPERATOR);
        for (int i = 0; i < HOSTILE.size(); i++) {
            byte[] text = HOSTILE.get(i).getBytes(StandardCharsets.UTF_8);
            // As written, CR and LF included: what any client can put on the wire, whatever HTTP allows.
            List<RawAnswer> answers = List.of(
                    raw("/api/catalog", "Authorization", text, null),
                    raw("/api/catalog", "Authorization", concat("Bearer ", text), null),
                    raw("/api/catalog", "Authorization", concat("Basic ", text), null),
                    raw("/api/alerts", "X-Meshwarden-Note", text, bearer),
                    raw("/api/violations", "Accept", text, bearer),
                    raw("/api/catalog", "Accept-Language", text, bearer));
            for (RawAnswer answer : answers) {
                // Named by index and header: the string itself may drive the terminal that shows the failure.
                String what = "corpus string " + i + " in " + answer.what();
                assertThat(answer.status()).as(what + ": status").isBetween(200, 499);
                assertThat(answer.contentType()).as(what + ": content type").contains("json");
                assertThat(JSON.readTree(answer.body())).as(what + ": a JSON body").isNotNull();
            }
        }
    }

    /** One HTTP/1.1 exchange on a socket of its own, with {@code header: value} sent as these very bytes. */
    private static RawAnswer raw(String path, String header, byte[] value, String authorization) throws IOException {
        URI uri = URI.create(sla.url());
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(30_000);
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.writeBytes(("GET " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort() + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            if (authorization != null) {
                request.writeBytes(("Authorization: " + authorization + "\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            request.writeBytes((header + ": ").getBytes(StandardCharsets.US_ASCII));
            request.writeBytes(value);
            request.writeBytes("\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            out.write(request.toByteArray());
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int end = response.indexOf("\r\n\r\n");
            String what = "GET " + path + " " + header;
            if (!response.startsWith("HTTP/1.1 ") || end < 0) {
                return new RawAnswer(what, -1, "", response.length() > 200 ? response.substring(0, 200) : response);
            }
            String head = response.substring(0, end).toLowerCase(Locale.ROOT);
            String body = response.substring(end + 4);
            if (head.contains("transfer-encoding: chunked")) {
                body = dechunk(body);
            }
            String contentType = head.lines().filter(line -> line.startsWith("content-type:")).findFirst().orElse("");
            return new RawAnswer(what, Integer.parseInt(response.substring(9, 12)), contentType, body);
        }
    }

    private static String dechunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].strip(), 16);
            if (size == 0) {
                return body.toString();
            }
            // Sizes count bytes; the JSON answers here are ASCII (non-ASCII is escaped), so bytes are characters.
            body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }

    private static byte[] concat(String prefix, byte[] value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(prefix.getBytes(StandardCharsets.US_ASCII));
        bytes.writeBytes(value);
        return bytes.toByteArray();
    }

    private record RawAnswer(String what, int status, String contentType, String body) {
    }

    /**
     * A POST answered as {@link #assertAnswered} says; one whose body is over the server's limit may instead find
     * the connection closed before any answer (the server refuses it unread, while the client is still writing,
     * a race the machine's load decides), and the server then still answers the next request.
     */
    private static void assertPostAnswered(String path, String body, String what) {
        if (body.getBytes(StandardCharsets.UTF_8).length <= MAX_REQUEST_BYTES) {
            assertAnswered(sla.post(path, body), what);
            return;
        }
        try {
            assertAnswered(sla.post(path, body), what);
        } catch (java.io.UncheckedIOException refusedUnread) {
            assertThat(sla.get("/health").status()).as("the server answers after refusing an oversized body").isEqualTo(200);
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
