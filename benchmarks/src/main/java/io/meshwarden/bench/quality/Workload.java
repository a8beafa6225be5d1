package io.meshwarden.bench.quality;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.MetricEvent;
import io.meshwarden.avro.Ownership;
import io.meshwarden.avro.ProductStatus;
import io.meshwarden.avro.QualityGuarantees;
import io.meshwarden.config.MeshwardenConfig;
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
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The harness's data: {@code products} registered products written straight to the catalog topic
 * (governance is not what is measured), and metric events for them, Avro single-object encoded.
 */
final class Workload {
    /** Event time the metric load spans, so stream time closes about ten window steps. */
    private static final Duration EVENT_SPAN = Duration.ofMinutes(10);

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
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (int i = 0; i < products; i++) {
                send(producer, Topics.CATALOG.suffix(), productId(i), codec.encode(contract(productId(i), freshnessMs.applyAsLong(i)),
                        OutputFormat.AVRO));
            }
        }
    }

    /** Loads {@code count} metric events spread over the products and ten minutes of event time from {@code start}. */
    void loadMetrics(int count, long start) {
        EventCodec<MetricEvent> codec = EventCodec.of(MetricEvent.class);
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (int i = 0; i < count; i++) {
                Instant at = Instant.ofEpochMilli(start + EVENT_SPAN.toMillis() * i / count);
                String id = productId(i % products);
                send(producer, Topics.METRICS.suffix(), id, codec.encode(metric(id, at, i), OutputFormat.AVRO));
            }
        }
    }

    /** One metric per product whose newest record is from now; returns each product's newest record time. */
    Map<String, Long> feedOnce() {
        EventCodec<MetricEvent> codec = EventCodec.of(MetricEvent.class);
        Map<String, Long> newest = new HashMap<>();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (int i = 0; i < products; i++) {
                Instant now = Instant.now();
                String id = productId(i);
                newest.put(id, now.toEpochMilli());
                send(producer, Topics.METRICS.suffix(), id, codec.encode(metric(id, now, i), OutputFormat.AVRO));
            }
        }
        return newest;
    }

    private void send(KafkaProducer<byte[], byte[]> producer, String suffix, String key, byte[] value) {
        producer.send(new ProducerRecord<>(topics.prefix() + suffix, key.getBytes(StandardCharsets.UTF_8), value));
    }

    private KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(config.producerProperties("harness"), new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static MetricEvent metric(String productId, Instant at, int run) {
        return MetricEvent.newBuilder().setProductId(productId).setPipelineRunId("run-" + run).setSourcePlatform("google-ads")
                .setRecordsLoaded(998).setRecordsExpected(1_000L).setFieldNullCounts(Map.of("clicks", 1L))
                .setNewestRecordTime(at).setEventTime(at).build();
    }

    private static DataProductContract contract(String id, long freshnessMs) {
        return DataProductContract.newBuilder().setId(id).setDomain("bench-domain").setName(id.substring(id.indexOf('.') + 1))
                .setVersion("1.0.0").setStatus(ProductStatus.ACTIVE)
                .setOwner(Ownership.newBuilder().setTeam("bench").setSteward("bench@example.com").build())
                .setGuarantees(QualityGuarantees.newBuilder().setCompletenessPercent(99.5).setFreshnessMaxAgeMs(freshnessMs)
                        .setAvailabilityPercent(null).setAccuracyTolerancePercent(null).setWindowMs(3_600_000L).build())
                .setFields(List.of())
                .build();
    }
}
