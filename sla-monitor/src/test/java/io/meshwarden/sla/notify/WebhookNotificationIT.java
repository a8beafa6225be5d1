package io.meshwarden.sla.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.meshwarden.avro.AlertState;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.kafka.embedded.EmbeddedKafka;
import io.meshwarden.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwarden.kafka.embedded.TopicTail;
import io.meshwarden.schemas.DeadLetter;
import io.meshwarden.schemas.Topics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The webhook sink against a local HTTP receiver on a real broker: a receiver that fails its first
 * attempts gets every transition once it answers, signed, each under its own idempotency key; the
 * relay restarted in between relays only what came after; a receiver that never answers gets the
 * transition dead-lettered with the reason, and the relay goes on.
 */
@EmbeddedKafka
class WebhookNotificationIT {
    private static final String SECRET = "s3cret";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> delivered = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> byKey = new ConcurrentHashMap<>();
    private final AtomicInteger attempts = new AtomicInteger();
    private volatile int failFirst;
    private HttpServer receiver;

    @AfterEach
    void stop() {
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void deliversEveryTransitionOnceSignedAfterRetriesAndAcrossARestart(EmbeddedKafkaBroker broker) throws IOException {
        failFirst = 2;
        MeshwardenConfig config = config(broker, "webhook-a.", url(startReceiver()));

        try (NotificationRelay relay = relay(config)) {
            relay.start();
            Alerts.publish(config, Alerts.transition("paid-media.spend", "freshness", AlertState.OPEN, "opened", Alerts.FIRST_SEEN),
                    Alerts.transition("paid-media.spend", "freshness", AlertState.ACKNOWLEDGED, "acknowledged",
                            Alerts.FIRST_SEEN.plusSeconds(60)));
            await().atMost(Duration.ofSeconds(60)).until(() -> delivered.size() == 2);
        }
        assertThat(attempts.get()).as("two refused, then both delivered").isEqualTo(4);

        try (NotificationRelay restarted = relay(config)) {
            restarted.start();
            Alerts.publish(config, Alerts.transition("paid-media.spend", "freshness", AlertState.RESOLVED, "resolved",
                    Alerts.FIRST_SEEN.plusSeconds(120)));
            await().atMost(Duration.ofSeconds(60)).until(() -> delivered.size() == 3);
            await().atMost(Duration.ofSeconds(30)).until(() -> restarted.activeCount() == 0);
        }
        assertThat(delivered).extracting(alert -> alert.get("transition").asText())
                .containsExactly("opened", "acknowledged", "resolved");
        assertThat(byKey).as("one delivery per transition, none repeated").hasSize(3).allSatisfy((key, count) ->
                assertThat(count).isEqualTo(1));
        assertThat(byKey).containsKey("paid-media.spend/freshness@" + Alerts.FIRST_SEEN.toEpochMilli() + "/opened");
    }

    @Test
    void deadLettersATransitionTheReceiverNeverTakesAndGoesOn(EmbeddedKafkaBroker broker) throws IOException {
        failFirst = Integer.MAX_VALUE;
        MeshwardenConfig config = config(broker, "webhook-b.", url(startReceiver()));

        try (NotificationRelay relay = relay(config)) {
            relay.start();
            Alerts.publish(config, Alerts.transition("email.sends", "completeness", AlertState.OPEN, "opened", Instant.now()));
            try (TopicTail tail = TopicTail.of(broker.bootstrapServers(), config.topics().name(Topics.DEAD_LETTER))) {
                List<ConsumerRecord<byte[], byte[]>> letters = await().atMost(Duration.ofSeconds(60))
                        .until(tail::poll, read -> !read.isEmpty());
                assertThat(DeadLetter.header(letters.get(0).headers(), DeadLetter.REASON_HEADER)).isEqualTo("notification-failed");
                assertThat(DeadLetter.header(letters.get(0).headers(), DeadLetter.MESSAGE_HEADER))
                        .startsWith("webhook: gave up notifying").contains("after 3 attempts: HTTP 503");
            }
        }
        assertThat(attempts.get()).isEqualTo(3);
        assertThat(delivered).isEmpty();
    }

    private int startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int attempt = attempts.incrementAndGet();
            String signature = exchange.getRequestHeaders().getFirst(WebhookSink.SIGNATURE_HEADER);
            String expected = "sha256=" + WebhookSink.sign(SECRET.getBytes(StandardCharsets.UTF_8), new String(body, StandardCharsets.UTF_8));
            int status = attempt <= failFirst ? 503 : expected.equals(signature) ? 204 : 401;
            if (status == 204) {
                delivered.add(JSON.readTree(body));
                byKey.merge(exchange.getRequestHeaders().getFirst(WebhookSink.IDEMPOTENCY_HEADER), 1, Integer::sum);
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
        return receiver.getAddress().getPort();
    }

    private static String url(int port) {
        return "http://127.0.0.1:" + port + "/hook";
    }

    private static MeshwardenConfig config(EmbeddedKafkaBroker broker, String prefix, String url) {
        broker.createTopic(prefix + Topics.ALERTS.suffix(), 2, false);
        broker.createTopic(prefix + Topics.DEAD_LETTER.suffix(), 1, false);
        return MeshwardenConfig.defaults(Map.of(Settings.BOOTSTRAP_SERVERS.key(), broker.bootstrapServers(),
                Settings.TOPIC_PREFIX.key(), prefix, Settings.APPLICATION_ID_PREFIX.key(), prefix + "app",
                Settings.NOTIFY_WEBHOOK_URL.key(), url, Settings.NOTIFY_WEBHOOK_SECRET.key(), SECRET,
                Settings.NOTIFY_ATTEMPTS.key(), "3", Settings.NOTIFY_BACKOFF_MS.key(), "50"));
    }

    private static NotificationRelay relay(MeshwardenConfig config) {
        return new NotificationRelay(config, NotificationService.sinks(config), Duration.ofSeconds(60), Clock.systemUTC());
    }
}
