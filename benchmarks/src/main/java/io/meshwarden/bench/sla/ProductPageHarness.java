package io.meshwarden.bench.sla;

import io.meshwarden.avro.Classification;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.Decision;
import io.meshwarden.avro.DecisionOutcome;
import io.meshwarden.avro.OutputPort;
import io.meshwarden.avro.Ownership;
import io.meshwarden.avro.ProductStatus;
import io.meshwarden.avro.QualityGuarantees;
import io.meshwarden.avro.QualitySnapshot;
import io.meshwarden.avro.Severity;
import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationCategory;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.config.Settings;
import io.meshwarden.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwarden.schemas.AvroTrust;
import io.meshwarden.schemas.TopicSpec;
import io.meshwarden.schemas.Topics;
import io.meshwarden.sla.SlaMonitor;
import io.meshwarden.sla.streams.HistoryStores;
import io.meshwarden.sla.streams.SlaTopology;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The dashboard's product page under load, run by hand:
 * {@code java -cp ... io.meshwarden.bench.sla.ProductPageHarness [products=10000] [withHistory=100] [rounds=20]}.
 * Starts the embedded broker and the SLA monitor (security off, one instance) in this JVM; loads a
 * catalog of {@code products} contracts (six domains, each product reading one or two others upstream)
 * and, for {@code withHistory} of them, 30 days of history: a snapshot an hour for 30 days and one
 * every five minutes for the last day, two ten-minute freshness outages a day, three contract
 * versions and ten decisions (half rejected). Then, in one run, asks each product with history
 * {@code rounds} times for the product page's four API calls and for the existing detail read
 * ({@code GET /api/products/{id}}, the baseline), timing each request over loopback; and reads the
 * history stores' changelogs back to report their bytes (key and value, latest per key) per product.
 */
public final class ProductPageHarness {
    private static final String[] DOMAINS = {"paid-media", "email", "content", "social", "customer-analytics", "marketing-ops"};
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ProductPageHarness() {
    }

    public static void main(String[] args) throws Exception {
        AvroTrust.ensure();
        int products = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int withHistory = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        Path state = Files.createTempDirectory("product-page-state");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            Map<String, String> settings = new HashMap<>(Map.of(Settings.BOOTSTRAP_SERVERS.key(), broker.bootstrapServers(),
                    Settings.STATE_DIR.key(), state.toString(), Settings.SECURITY_ENABLED.key(), "false"));
            Map<String, String> service = new HashMap<>(settings);
            service.put("micronaut.server.port", "-1");
            long started = System.nanoTime();
            try (SlaMonitor monitor = SlaMonitor.start(service)) {
                io.meshwarden.config.MeshwardenConfig config = io.meshwarden.config.MeshwardenConfig.defaults(settings);
                Instant now = Instant.now();
                List<String> sampled = load(config, products, withHistory, now);
                String url = monitor.url();
                for (String id : sampled) {
                    awaitHistory(url, id);
                }
                System.out.printf(Locale.ROOT, "loaded %,d products, %,d with 30 days of history, in %.0f s%n", products,
                        withHistory, (System.nanoTime() - started) / 1e9);

                Map<String, List<Long>> timings = new LinkedHashMap<>();
                for (String call : List.of("detail (baseline)", "page", "history 24h", "history 30d", "lineage")) {
                    timings.put(call, new ArrayList<>());
                }
                for (int round = 0; round < rounds + 1; round++) {
                    for (String id : sampled) {
                        String base = url + "/api/products/" + id;
                        // The first round warms up the JIT and RocksDB's caches: not counted.
                        record(timings, "detail (baseline)", base, round > 0);
                        record(timings, "page", base + "/page", round > 0);
                        record(timings, "history 24h", base + "/history?range=24h", round > 0);
                        record(timings, "history 30d", base + "/history?range=30d", round > 0);
                        record(timings, "lineage", base + "/lineage", round > 0);
                    }
                }
                System.out.printf(Locale.ROOT, "%nproduct page calls, %,d products in the catalog, %,d x %d requests each, one instance,"
                        + " loopback, ms:%n", products, sampled.size(), rounds);
                long baseline50 = LatencyProbe.percentile(timings.get("detail (baseline)"), 50);
                long baseline99 = LatencyProbe.percentile(timings.get("detail (baseline)"), 99);
                timings.forEach((call, micros) -> {
                    long p50 = LatencyProbe.percentile(micros, 50);
                    long p99 = LatencyProbe.percentile(micros, 99);
                    System.out.printf(Locale.ROOT, "  %-18s p50 %8.2f  p99 %8.2f   x%.2f / x%.2f of the baseline%n", call, p50 / 1000.0,
                            p99 / 1000.0, p50 / (double) baseline50, p99 / (double) baseline99);
                });
                stateSizes(config, sampled);
            }
        }
    }

    /** Writes the catalog and the sampled products' history; returns the sampled ids. */
    private static List<String> load(io.meshwarden.config.MeshwardenConfig config, int products, int withHistory, Instant now)
            throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < products; i++) {
            ids.add(DOMAINS[i % DOMAINS.length] + ".product-" + i);
        }
        List<String> sampled = new ArrayList<>();
        int every = Math.max(1, products / Math.max(1, withHistory));
        for (int i = 0; i < products && sampled.size() < withHistory; i += every) {
            sampled.add(ids.get(i));
        }
        try (KafkaProducer<String, DataProductContract> contracts = producer(config, Topics.CATALOG);
             KafkaProducer<String, QualitySnapshot> snapshots = producer(config, Topics.SNAPSHOTS);
             KafkaProducer<String, Violation> violations = producer(config, Topics.VIOLATIONS);
             KafkaProducer<String, Decision> decisions = producer(config, Topics.DECISIONS)) {
            String catalog = config.topics().name(Topics.CATALOG);
            for (int i = 0; i < products; i++) {
                List<String> upstream = i < 2 ? List.of() : i % 3 == 0 ? List.of(ids.get(i / 2), ids.get(i / 3)) : List.of(ids.get(i / 2));
                contracts.send(new ProducerRecord<>(catalog, ids.get(i), contract(ids.get(i), "1.0.0", upstream)));
            }
            for (String id : sampled) {
                history(config, id, ids, now, contracts, snapshots, violations, decisions);
            }
        }
        return sampled;
    }

    private static void history(io.meshwarden.config.MeshwardenConfig config, String id, List<String> ids, Instant now,
                                KafkaProducer<String, DataProductContract> contracts, KafkaProducer<String, QualitySnapshot> snapshots,
                                KafkaProducer<String, Violation> violations, KafkaProducer<String, Decision> decisions) {
        int index = ids.indexOf(id);
        List<String> upstream = index < 2 ? List.of() : List.of(ids.get(index / 2));
        for (String version : List.of("1.1.0", "1.2.0", "2.0.0")) {
            contracts.send(new ProducerRecord<>(config.topics().name(Topics.CATALOG), id, contract(id, version, upstream)));
        }
        String snapshotTopic = config.topics().name(Topics.SNAPSHOTS);
        Instant start = now.minus(Duration.ofDays(30));
        for (Instant at = start; at.isBefore(now.minus(Duration.ofDays(1))); at = at.plus(Duration.ofHours(1))) {
            snapshots.send(new ProducerRecord<>(snapshotTopic, null, at.toEpochMilli(), id, snapshot(id, at)));
        }
        for (Instant at = now.minus(Duration.ofDays(1)); at.isBefore(now); at = at.plus(Duration.ofMinutes(5))) {
            snapshots.send(new ProducerRecord<>(snapshotTopic, null, at.toEpochMilli(), id, snapshot(id, at)));
        }
        String violationTopic = config.topics().name(Topics.VIOLATIONS);
        for (int day = 30; day > 0; day--) {
            for (int outage = 0; outage < 2; outage++) {
                Instant down = now.minus(Duration.ofDays(day)).plus(Duration.ofHours(6 + 12L * outage));
                for (ViolationStatus status : ViolationStatus.values()) {
                    Instant at = status == ViolationStatus.BREACH ? down : down.plus(Duration.ofMinutes(10));
                    violations.send(new ProducerRecord<>(violationTopic, null, at.toEpochMilli(), id, freshness(id, status, at)));
                }
            }
        }
        for (int d = 0; d < 10; d++) {
            Instant at = now.minus(Duration.ofDays(10 - d));
            DecisionOutcome outcome = d % 2 == 0 ? DecisionOutcome.REJECTED : DecisionOutcome.ACCEPTED;
            decisions.send(new ProducerRecord<>(config.topics().name(Topics.DECISIONS), null, at.toEpochMilli(), id,
                    Decision.newBuilder().setChangeId(id + "-change-" + d).setProductId(id).setContractVersion("3." + d + ".0")
                            .setOutcome(outcome).setViolations(outcome == DecisionOutcome.REJECTED
                                    ? List.of(naming(id, at)) : List.of()).setPolicySets(List.of("global@1.0.0"))
                            .setDecidedAt(at).build()));
        }
    }

    private static void record(Map<String, List<Long>> timings, String call, String url, boolean counted) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        long micros = (System.nanoTime() - start) / 1000;
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        if (counted) {
            timings.get(call).add(micros);
        }
    }

    /** Waits until a sampled product's history is in: its three later versions, its decisions and its last day of points. */
    private static void awaitHistory(String url, String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/api/products/" + id + "/page")).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> history = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/api/products/" + id
                    + "/history?range=24h")).build(), HttpResponse.BodyHandlers.ofString());
            if (page.statusCode() == 200 && page.body().contains("\"2.0.0\"") && page.body().contains("change-9")
                    && history.statusCode() == 200 && history.body().split(",").length > 288 * 7) {
                return;
            }
            Thread.sleep(1_000);
        }
        throw new IllegalStateException("the history of " + id + " did not arrive within 20 minutes");
    }

    /** Bytes of each history store per sampled product: key and value of the latest record per key of its changelog. */
    private static void stateSizes(io.meshwarden.config.MeshwardenConfig config, List<String> sampled) {
        String application = config.streamsProperties(SlaTopology.APPLICATION_SUFFIX)
                .getProperty(org.apache.kafka.streams.StreamsConfig.APPLICATION_ID_CONFIG);
        System.out.printf(Locale.ROOT, "%nhistory stores, bytes per product with 30 days of history (key + value, latest per key):%n");
        long total = 0;
        for (String store : HistoryStores.ALL) {
            Map<String, Integer> latest = new HashMap<>();
            Properties properties = config.consumerProperties("state-size");
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
                    new ByteArrayDeserializer())) {
                String topic = application + "-" + store + "-changelog";
                List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                        .map(info -> new TopicPartition(topic, info.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
                while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                        String key = new String(record.key(), StandardCharsets.UTF_8);
                        if (record.value() == null) {
                            latest.remove(key);
                        } else {
                            latest.put(key, record.key().length + record.value().length);
                        }
                    }
                }
            }
            long bytes = latest.entrySet().stream().filter(e -> sampled.stream().anyMatch(id -> e.getKey().startsWith(id + "\u0000")))
                    .mapToLong(Map.Entry::getValue).sum();
            long entries = latest.keySet().stream().filter(k -> sampled.stream().anyMatch(id -> k.startsWith(id + "\u0000"))).count();
            total += bytes / sampled.size();
            System.out.printf(Locale.ROOT, "  %-24s %,8d B per product  (%,d entries per product)%n", store, bytes / sampled.size(),
                    entries / sampled.size());
        }
        System.out.printf(Locale.ROOT, "  %-24s %,8d B per product%n", "all three", total);
    }

    private static <V extends org.apache.avro.specific.SpecificRecord> KafkaProducer<String, V> producer(
            io.meshwarden.config.MeshwardenConfig config, TopicSpec<String, V> spec) {
        io.meshwarden.schemas.Topic<String, V> topic = config.topics().topic(spec);
        return new KafkaProducer<>(config.producerProperties("product-page-" + spec.suffix()), topic.keySerde().serializer(),
                topic.valueSerde().serializer());
    }

    private static DataProductContract contract(String id, String version, List<String> upstream) {
        String domain = id.substring(0, id.indexOf('.'));
        return DataProductContract.newBuilder().setId(id).setDomain(domain).setName(id.substring(id.indexOf('.') + 1))
                .setVersion(version).setStatus(ProductStatus.ACTIVE)
                .setOwner(Ownership.newBuilder().setTeam(domain + "-team").setSteward("steward@" + domain + ".example").build())
                .setDescription("Product " + id + ", version " + version).setDocumentationUrl("https://docs.example/" + id)
                .setClassification(Classification.INTERNAL)
                .setOutputPorts(List.of(OutputPort.newBuilder().setName("stream").setTopic(id + ".v1").setFormat("avro")
                        .setClassification(null).build()))
                .setGuarantees(QualityGuarantees.newBuilder().setCompletenessPercent(99.0).setFreshnessMaxAgeMs(3_600_000L)
                        .setAvailabilityPercent(99.5).build())
                .setUpstreamProducts(upstream).setTags(List.of("marketing", "v" + version)).build();
    }

    private static QualitySnapshot snapshot(String id, Instant at) {
        double completeness = 0.95 + (at.getEpochSecond() / 300 % 5) / 100.0;
        return QualitySnapshot.newBuilder().setProductId(id).setWindowStart(at.minus(Duration.ofHours(1))).setWindowEnd(at)
                .setRecordsReceived(Math.round(completeness * 10_000)).setRecordsExpected(10_000L).setCompleteness(completeness)
                .setRequiredFieldCompleteness(Map.of()).setNewestRecordTime(at.minusSeconds(240)).setCompletenessTarget(0.99)
                .setQualityRuleValues(Map.of()).setQualityRulesNotEvaluated(Map.of()).setComputedAt(at).build();
    }

    private static Violation freshness(String id, ViolationStatus status, Instant at) {
        return Violation.newBuilder().setViolationId(id + "/freshness/" + at.toEpochMilli()).setProductId(id)
                .setDomain(id.substring(0, id.indexOf('.'))).setCategory(ViolationCategory.FRESHNESS).setRuleId("freshness")
                .setSeverity(Severity.BLOCKING).setStatus(status).setMessage(status + " of freshness").setDetectedAt(at).build();
    }

    private static Violation naming(String id, Instant at) {
        return Violation.newBuilder().setViolationId(id + "/naming/" + at.toEpochMilli()).setProductId(id)
                .setDomain(id.substring(0, id.indexOf('.'))).setCategory(ViolationCategory.NAMING).setRuleId("naming.product-id")
                .setSeverity(Severity.BLOCKING).setMessage("the proposed name breaks the naming rule").setDetectedAt(at).build();
    }
}
