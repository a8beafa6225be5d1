package io.meshwarden.bench.quality;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.MetricEvent;
import io.meshwarden.avro.Ownership;
import io.meshwarden.avro.ProductStatus;
import io.meshwarden.avro.QualityGuarantees;
import io.meshwarden.bench.CheckedProducer;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.governance.accuracy.AccuracyProperties;
import io.meshwarden.schemas.EventCodec;
import io.meshwarden.schemas.OutputFormat;
import io.meshwarden.schemas.TopicCatalog;
import io.meshwarden.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToLongFunction;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The harness's data: {@code products} registered products written straight to the catalog topic
 * (governance is not what is measured), and metric events for them, Avro single-object encoded.
 * Every check the quality topology ships is on: each contract promises completeness, freshness and
 * accuracy on one measure ({@code clicks}, 1 % tolerance), carries the ODCS quality rules of
 * {@link ObservedWorkload#odcsRules()} (seven evaluated) and leaves the anomaly detectors at their
 * defaults (on); each metric reports the counts those rules read and the measure's loaded and control
 * totals, consistent so that accuracy holds (the period's control total is the sum loaded so far).
 */
final class Workload {
    /** Event time the metric load spans, so stream time closes about ten window steps. */
    private static final Duration EVENT_SPAN = Duration.ofMinutes(10);
    private static final long WINDOW_MS = 3_600_000L;
    private static final String MEASURE = "clicks";
    private static final double LOADED_CLICKS = 5_988;

    private final TopicCatalog topics;
    private final MeshwardenConfig config;
    private final int products;

    Workload(MeshwardenConfig config, int products) {
        this.config = config;
        this.topics = config.topics();
        this.products = products;
    }

    static String productId(int index) {
        return "bench-domain.product-" + index;
    }

    /** Registers every product with the freshness limit the function gives its index. */
    void registerAll(IntToLongFunction freshnessMs) {
        EventCodec<DataProductContract> codec = EventCodec.of(DataProductContract.class);
        try (CheckedProducer producer = CheckedProducer.forNewTopics(config, "harness")) {
            for (int i = 0; i < products; i++) {
                send(producer, Topics.CATALOG.suffix(), productId(i), codec.encode(contract(productId(i), freshnessMs.applyAsLong(i)),
                        OutputFormat.AVRO));
            }
        }
    }

    /** Loads {@code count} metric events spread over the products and ten minutes of event time from {@code start}. */
    void loadMetrics(int count, long start) {
        loadMetrics(count, start, EVENT_SPAN);
    }

    /**
     * Loads {@code count} metric events spread over the products and {@code span} of event time from {@code start}: with
     * a span of hours every product's periods (its one-hour completeness window, tumbling) close, and each close is judged
     * by the anomaly detectors and reconciled.
     */
    void loadMetrics(int count, long start, Duration span) {
        EventCodec<MetricEvent> codec = EventCodec.of(MetricEvent.class);
        ControlTotals control = new ControlTotals(products);
        try (CheckedProducer producer = producer()) {
            for (int i = 0; i < count; i++) {
                Instant at = Instant.ofEpochMilli(start + span.toMillis() * i / count);
                String id = productId(i % products);
                send(producer, Topics.METRICS.suffix(), id,
                        codec.encode(metric(id, at, i, control.add(i % products, at.toEpochMilli())), OutputFormat.AVRO));
            }
        }
    }

    /** One metric per product whose newest record is from now; returns each product's newest record time. */
    Map<String, Long> feedOnce() {
        EventCodec<MetricEvent> codec = EventCodec.of(MetricEvent.class);
        Map<String, Long> newest = new HashMap<>();
        try (CheckedProducer producer = producer()) {
            for (int i = 0; i < products; i++) {
                Instant now = Instant.now();
                String id = productId(i);
                newest.put(id, now.toEpochMilli());
                send(producer, Topics.METRICS.suffix(), id, codec.encode(metric(id, now, i, LOADED_CLICKS), OutputFormat.AVRO));
            }
        }
        return newest;
    }

    /** Sends one fresh metric per call, for a latency probe: each product's newest record is from now. */
    Feeder feeder() {
        return new Feeder(producer());
    }

    final class Feeder implements AutoCloseable {
        private final EventCodec<MetricEvent> codec = EventCodec.of(MetricEvent.class);
        private final CheckedProducer producer;

        private Feeder(CheckedProducer producer) {
            this.producer = producer;
        }

        void feed(int index) {
            Instant now = Instant.now();
            String id = productId(index);
            send(producer, Topics.METRICS.suffix(), id, codec.encode(metric(id, now, index, LOADED_CLICKS), OutputFormat.AVRO));
            producer.flush();
        }

        @Override
        public void close() {
            producer.close();
        }
    }

    private void send(CheckedProducer producer, String suffix, String key, byte[] value) {
        producer.send(new ProducerRecord<>(topics.prefix() + suffix, key.getBytes(StandardCharsets.UTF_8), value));
    }

    private CheckedProducer producer() {
        return CheckedProducer.of(config, "harness");
    }

    private static MetricEvent metric(String productId, Instant at, int run, double clicksToDate) {
        return MetricEvent.newBuilder().setProductId(productId).setPipelineRunId("run-" + run).setSourcePlatform("google-ads")
                .setRecordsLoaded(998).setRecordsExpected(1_000L)
                .setFieldNullCounts(Map.of("email", 10L))
                .setFieldMissingCounts(Map.of("channel", 5L))
                .setFieldInvalidCounts(Map.of("channel", 0L, "campaign_id", 0L))
                .setFieldDuplicateCounts(Map.of("campaign_id", 0L))
                .setLoadedTotals(Map.of(MEASURE, LOADED_CLICKS)).setControlTotals(Map.of(MEASURE, clicksToDate))
                .setNewestRecordTime(at).setEventTime(at).build();
    }

    private static DataProductContract contract(String id, long freshnessMs) {
        return DataProductContract.newBuilder().setId(id).setDomain("bench-domain").setName(id.substring(id.indexOf('.') + 1))
                .setVersion("1.0.0").setStatus(ProductStatus.ACTIVE)
                .setOwner(Ownership.newBuilder().setTeam("bench").setSteward("bench@example.com").build())
                .setGuarantees(QualityGuarantees.newBuilder().setCompletenessPercent(99.5).setFreshnessMaxAgeMs(freshnessMs)
                        .setAvailabilityPercent(null).setAccuracyTolerancePercent(1.0).setWindowMs(WINDOW_MS).build())
                .setProductSchema(ObservedWorkload.schema())
                .setFields(List.of(ObservedWorkload.field("campaign_id", true), ObservedWorkload.field("email", false)))
                .setQualityRules(ObservedWorkload.odcsRules())
                .setProperties(Map.of(AccuracyProperties.MEASURES, MEASURE))
                .build();
    }

    /** Each product's clicks loaded so far in its current accuracy period (the completeness window, tumbling). */
    private static final class ControlTotals {
        private final double[] toDate;
        private final long[] period;

        ControlTotals(int products) {
            toDate = new double[products];
            period = new long[products];
            java.util.Arrays.fill(period, Long.MIN_VALUE);
        }

        double add(int product, long eventTime) {
            long start = Math.floorDiv(eventTime, WINDOW_MS);
            if (period[product] != start) {
                period[product] = start;
                toDate[product] = 0;
            }
            toDate[product] += LOADED_CLICKS;
            return toDate[product];
        }
    }
}
