package io.meshwarden.bench.anomaly;

import io.meshwarden.avro.Classification;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.FieldSpec;
import io.meshwarden.avro.MetricEvent;
import io.meshwarden.avro.Ownership;
import io.meshwarden.avro.ProductStatus;
import io.meshwarden.avro.QualityGuarantees;
import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.governance.accuracy.AccuracyProperties;
import io.meshwarden.governance.anomaly.AnomalyProperties;
import io.meshwarden.quality.QualityStreams;
import io.meshwarden.quality.QualityTopology;
import io.meshwarden.quality.rolling.QualityOptions;
import io.meshwarden.schemas.Topic;
import io.meshwarden.schemas.TopicCatalog;
import io.meshwarden.schemas.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * Replays labelled histories through the production quality topology (in a {@link TopologyTestDriver}, one
 * hour a step, each product's completeness window an hour): a contract per product, then every product's
 * hourly metric event (records loaded, nulls of the required field {@code clicks}, the loaded and the source's
 * spend, which agree) in time order; reads back
 * the detectors' ANOMALY violations and turns each BREACH to RECOVERY episode into flagged steps (everything
 * else the topology writes is read and dropped each step). A stall is a
 * run that loaded nothing. The wall clock stays an hour after the history, so nothing is late or future.
 */
final class TopologyReplay implements AutoCloseable {
    static final String FIELD = "clicks";
    /** The measure every load reports, with the source's control total, so that reconciliation does its work. */
    static final String MEASURE = "spend";
    private static final double SPEND_PER_RECORD = 0.42;
    private static final String VOLUME_RULE = "anomaly.volume";
    private static final String NULL_RULE = "anomaly.null-rate." + FIELD;
    private static final Deserializer<byte[]> BYTES = new ByteArrayDeserializer();

    private final Path stateDir;
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, DataProductContract> catalog;
    private final TestInputTopic<String, MetricEvent> metrics;
    private final TestOutputTopic<String, Violation> violations;
    private final String violationTopicName;

    /** Which of the judgements of each period run: the anomaly detectors, accuracy reconciliation, both or neither. */
    enum Judged {
        BOTH(true, true), DETECTORS(true, false), RECONCILIATION(false, true), NEITHER(false, false);

        private final boolean detectors;
        private final boolean reconciliation;

        Judged(boolean detectors, boolean reconciliation) {
            this.detectors = detectors;
            this.reconciliation = reconciliation;
        }
    }

    TopologyReplay(Instant wallClock) throws IOException {
        this(wallClock, Judged.BOTH);
    }

    TopologyReplay(Instant wallClock, Judged judged) throws IOException {
        stateDir = Files.createTempDirectory("anomaly-replay");
        MeshwardenConfig config = MeshwardenConfig.defaults(Map.of(Settings.STATE_DIR.key(), stateDir.toString()));
        Properties properties = config.streamsProperties(QualityStreams.APPLICATION);
        TopicCatalog topics = config.topics();
        QualityOptions options = QualityOptions.from(config).withStepMs(ProductHistory.STEP_MS)
                .withAnomalyDetection(judged.detectors);
        Topology topology = QualityTopology.build(topics, judged.reconciliation ? options : options.withAccuracyHorizonMs(0),
                properties);
        driver = new TopologyTestDriver(topology, properties, wallClock);
        Topic<String, DataProductContract> contracts = topics.topic(Topics.CATALOG);
        Topic<String, MetricEvent> metricTopic = topics.topic(Topics.METRICS);
        Topic<String, Violation> violationTopic = topics.topic(Topics.VIOLATIONS);
        catalog = driver.createInputTopic(contracts.name(), contracts.keySerde().serializer(), contracts.valueSerde().serializer());
        metrics = driver.createInputTopic(metricTopic.name(), metricTopic.keySerde().serializer(),
                metricTopic.valueSerde().serializer());
        violations = driver.createOutputTopic(violationTopic.name(), violationTopic.keySerde().deserializer(),
                violationTopic.valueSerde().deserializer());
        violationTopicName = violationTopic.name();
    }

    /** Flags per product: [0] volume, [1] null rate; and the metric events replayed. */
    record Flags(Map<String, boolean[][]> byProduct, long events) {
    }

    Flags replay(List<ProductHistory> histories, boolean declareHoliday) {
        return replay(histories, declareHoliday, 1);
    }

    /**
     * @param loadsPerStep how many runs load each step's records (split evenly, the first from ten minutes past the
     *                     hour, each reporting its share and the source's totals of the hour so far)
     */
    Flags replay(List<ProductHistory> histories, boolean declareHoliday, int loadsPerStep) {
        Map<String, boolean[][]> flags = new HashMap<>();
        Map<String, Map<String, Integer>> open = new HashMap<>();
        int steps = histories.get(0).steps();
        for (ProductHistory history : histories) {
            catalog.pipeInput(history.id(), contract(history.id(), declareHoliday), history.firstStepMs());
            flags.put(history.id(), new boolean[][] {new boolean[steps], new boolean[steps]});
        }
        long events = 0;
        for (int step = 0; step < steps; step++) {
            for (int load = 0; load < loadsPerStep; load++) {
                for (ProductHistory history : histories) {
                    Instant at = Instant.ofEpochMilli(history.stepMs(step) + (10 + load * 50L / loadsPerStep) * 60_000L);
                    long records = share(history.records()[step], load, loadsPerStep);
                    long soFar = 0;
                    for (int earlier = 0; earlier <= load; earlier++) {
                        soFar += share(history.records()[step], earlier, loadsPerStep);
                    }
                    metrics.pipeInput(history.id(), MetricEvent.newBuilder().setProductId(history.id())
                            .setPipelineRunId("replay-" + step + "-" + load).setSourcePlatform("bench").setRecordsLoaded(records)
                            .setRecordsExpected(null)
                            .setFieldNullCounts(Map.of(FIELD, Math.min(records, share(history.nulls()[step], load, loadsPerStep))))
                            // The ad platform's total for the hour (the period) so far agrees: reconciled, never a breach.
                            .setLoadedTotals(Map.of(MEASURE, records * SPEND_PER_RECORD))
                            .setControlTotals(Map.of(MEASURE, soFar * SPEND_PER_RECORD))
                            .setNewestRecordTime(at).setEventTime(at).build(), at);
                    events++;
                }
            }
            drainAllBut(violationTopicName);
            for (Violation violation : violations.readValuesToList()) {
                int index = violation.getRuleId().equals(VOLUME_RULE) ? 0 : violation.getRuleId().equals(NULL_RULE) ? 1 : -1;
                if (index < 0 || violation.getWindowStart() == null) {
                    continue;
                }
                int at = (int) ((violation.getWindowStart().toEpochMilli() - histories.get(0).firstStepMs()) / ProductHistory.STEP_MS);
                Map<String, Integer> episodes = open.computeIfAbsent(violation.getProductId(), id -> new HashMap<>());
                if (violation.getStatus() == ViolationStatus.BREACH) {
                    episodes.put(violation.getRuleId(), at);
                } else {
                    Integer from = episodes.remove(violation.getRuleId());
                    for (int s = from == null ? at : from; s < at; s++) {
                        flags.get(violation.getProductId())[index][s] = true;
                    }
                }
            }
        }
        open.forEach((product, episodes) -> episodes.forEach((rule, from) -> {
            boolean[] line = flags.get(product)[rule.equals(VOLUME_RULE) ? 0 : 1];
            for (int s = from; s < line.length; s++) {
                line[s] = true;
            }
        }));
        return new Flags(flags, events);
    }

    /** Load {@code load}'s share of {@code total} split over {@code loads} runs; the first takes the remainder. */
    private static long share(long total, int load, int loads) {
        return total / loads + (load == 0 ? total % loads : 0);
    }

    /**
     * Empties every topic the driver captured but this one: the driver keeps every record produced (snapshots,
     * changelogs) until read, which over a million metric events would fill any heap.
     */
    private void drainAllBut(String kept) {
        for (String topic : driver.producedTopicNames()) {
            if (!topic.equals(kept)) {
                driver.createOutputTopic(topic, BYTES, BYTES).readRecordsToList();
            }
        }
    }

    private static DataProductContract contract(String id, boolean declareHoliday) {
        Map<String, String> properties = new HashMap<>(Map.of(AccuracyProperties.MEASURES, MEASURE));
        if (declareHoliday) {
            properties.put(AnomalyProperties.HOLIDAYS, SyntheticHistories.HOLIDAY.toString());
        }
        return DataProductContract.newBuilder().setId(id).setDomain("bench").setName(id.substring(id.indexOf('.') + 1))
                .setVersion("1.0.0").setStatus(ProductStatus.ACTIVE)
                .setOwner(Ownership.newBuilder().setTeam("bench").setSteward("bench@example.com").build())
                .setDescription("a synthetic product").setDocumentationUrl(null).setClassification(Classification.INTERNAL)
                .setOutputPorts(List.of()).setProductSchema(null)
                .setFields(List.of(FieldSpec.newBuilder().setName(FIELD).setDescription("clicks").setPii(false)
                        .setRequired(true).setClassification(null).build(), FieldSpec.newBuilder().setName(MEASURE)
                        .setDescription("spend").setPii(false).setRequired(false).setClassification(null).build()))
                .setGuarantees(QualityGuarantees.newBuilder().setCompletenessPercent(null)
                        .setFreshnessMaxAgeMs(Duration.ofDays(400).toMillis()).setAvailabilityPercent(null)
                        .setAccuracyTolerancePercent(1.0).setWindowMs(ProductHistory.STEP_MS).build())
                .setRetentionMs(null).setUpstreamProducts(List.of()).setTags(List.of()).setSourcePlatform(null)
                .setSunsetDate(null).setSuccessor(null).setProperties(properties).build();
    }

    @Override
    public void close() throws IOException {
        driver.close();
        try (Stream<Path> files = Files.walk(stateDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
