package io.meshwarden.sla.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.QualityGuarantees;
import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.kafka.embedded.EmbeddedKafka;
import io.meshwarden.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwarden.schemas.Samples;
import io.meshwarden.schemas.Topic;
import io.meshwarden.schemas.Topics;
import io.meshwarden.schemas.violation.ViolationFactory;
import io.meshwarden.schemas.violation.ViolationRule;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline's own timeliness on a real broker: two products with time-to-detect and
 * time-to-notify targets breach freshness, their breaches naming the deadline they missed as the
 * quality topology writes them; the API shows each product's measured p99 values and whether each
 * target is met, the missed one is an alert, and Prometheus has the p99 gauges.
 */
@EmbeddedKafka
class SlaTimelinessIT {
    private static final String TIMELY = "paid-media.spend";
    private static final String LATE = "email.opens";
    private static final long TIMELY_DETECTION_MS = 300;
    private static final long LATE_DETECTION_MS = 12_000;
    private static SlaService sla;
    private static long sentAt;
    private static long firstAnswerAt;

    @BeforeAll
    static void start(EmbeddedKafkaBroker kafka, @TempDir Path stateDir) {
        sla = new SlaService(kafka.bootstrapServers(), stateDir, Map.of("meshwarden.sla.punctuate.interval.ms", "500"));
        sla.contract(contract(TIMELY, 5_000L, 30_000L));
        sla.contract(contract(LATE, 5_000L, 30_000L));
        sla.awaitJson("/api/catalog", products -> products.size() == 2);
        Topic<String, Violation> topic = sla.config.topics().topic(Topics.VIOLATIONS);
        try (KafkaProducer<String, Violation> producer = new KafkaProducer<>(sla.config.producerProperties("timeliness-it"),
                topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            Instant now = Instant.now();
            sentAt = now.toEpochMilli();
            producer.send(new ProducerRecord<>(topic.name(), TIMELY, breach(TIMELY, now.minusMillis(TIMELY_DETECTION_MS), now)));
            producer.send(new ProducerRecord<>(topic.name(), LATE, breach(LATE, now.minusMillis(LATE_DETECTION_MS), now)));
            producer.flush();
        }
        await().atMost(SlaService.WAIT).until(() -> detail(TIMELY).at("/timeToNotify/samples").asLong() == 1
                && detail(LATE).at("/timeToNotify/samples").asLong() == 1);
        firstAnswerAt = System.currentTimeMillis();
    }

    @AfterAll
    static void stop() {
        if (sla != null) {
            sla.close();
        }
    }

    @Test
    void theApiShowsTheMeasuredP99AndThatATimelyProductMeetsBothTargets() {
        JsonNode status = detail(TIMELY);
        assertThat(status.at("/timeToDetect/samples").asLong()).isEqualTo(1);
        assertThat(status.at("/timeToDetect/p99Ms").asLong()).isBetween(TIMELY_DETECTION_MS, upperBound(TIMELY_DETECTION_MS));
        assertThat(status.at("/timeToDetect/targetMs").asLong()).isEqualTo(5_000);
        assertThat(status.at("/timeToDetect/met").asBoolean()).isTrue();
        // From the breach's detection to the alert: no less than nothing, no more than the test waited.
        assertThat(status.at("/timeToNotify/p99Ms").asLong()).isBetween(0L, upperBound(firstAnswerAt - sentAt));
        assertThat(status.at("/timeToNotify/targetMs").asLong()).isEqualTo(30_000);
        assertThat(status.at("/timeToNotify/met").asBoolean()).isTrue();
    }

    @Test
    void aProductDetectedTooLateMissesItsTimeToDetectTargetAndAlerts() {
        JsonNode status = detail(LATE);
        assertThat(status.at("/timeToDetect/p99Ms").asLong()).isBetween(LATE_DETECTION_MS, upperBound(LATE_DETECTION_MS));
        assertThat(status.at("/timeToDetect/met").asBoolean()).isFalse();
        assertThat(status.at("/timeToNotify/met").asBoolean()).isTrue();

        JsonNode alerts = sla.awaitJson("/api/alerts?productId=" + LATE + "&active=true", found -> found.size() == 2);
        assertThat(alerts).extracting(alert -> alert.get("slaKind").asText())
                .containsExactlyInAnyOrder("freshness", ViolationRule.TIME_TO_DETECT.ruleId());
        assertThat(sla.get("/api/alerts?productId=" + TIMELY + "&active=true").body())
                .extracting(alert -> alert.get("slaKind").asText()).containsExactly("freshness");
    }

    @Test
    void prometheusHasTheP99GaugesPerProductAndMeasure() {
        await().atMost(SlaService.WAIT).until(() -> sla.text("/prometheus").contains("meshwarden_sla_timeliness_p99"));
        assertThat(sla.text("/prometheus").lines().filter(line -> line.startsWith("meshwarden_sla_timeliness_p99_ms{")))
                .anyMatch(line -> line.contains("measure=\"detect\"") && line.contains("product=\"" + LATE + "\""))
                .anyMatch(line -> line.contains("measure=\"notify\"") && line.contains("product=\"" + TIMELY + "\""));
    }

    private static JsonNode detail(String productId) {
        return sla.get("/api/products/" + productId).body().at("/product/sla");
    }

    /** The histogram reports the upper bound of a bucket four to a doubling: at most 2^(1/4) above the true value. */
    private static long upperBound(long ms) {
        return (long) Math.ceil(ms * Math.pow(2, 0.25)) + 1;
    }

    private static Violation breach(String productId, Instant deadline, Instant detectedAt) {
        return ViolationFactory.deadlineViolation(productId, productId.substring(0, productId.indexOf('.')),
                ViolationRule.FRESHNESS, ViolationStatus.BREACH, deadline, detectedAt).setMessage(productId + " is stale").build();
    }

    private static DataProductContract contract(String productId, Long timeToDetectMs, Long timeToNotifyMs) {
        DataProductContract contract = Samples.contract(productId);
        return DataProductContract.newBuilder(contract).setGuarantees(QualityGuarantees.newBuilder(contract.getGuarantees())
                .setTimeToDetectMs(timeToDetectMs).setTimeToNotifyMs(timeToNotifyMs).setFrequencyMs(Duration.ofMinutes(5).toMillis())
                .build()).build();
    }
}
