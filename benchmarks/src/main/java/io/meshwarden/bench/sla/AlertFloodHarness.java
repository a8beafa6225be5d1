package io.meshwarden.bench.sla;

import io.meshwarden.bench.Rounds;
import io.meshwarden.avro.Alert;
import io.meshwarden.avro.Violation;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwarden.schemas.AvroTrust;
import io.meshwarden.schemas.EventCodec;
import io.meshwarden.schemas.Topic;
import io.meshwarden.schemas.TopicCatalog;
import io.meshwarden.schemas.TopicProvisioner;
import io.meshwarden.schemas.Topics;
import io.meshwarden.sla.alerts.SlaPolicy;
import io.meshwarden.sla.streams.SlaTopology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * End-to-end harness of the SLA topology on the embedded broker, run by hand:
 * {@code java -cp ... io.meshwarden.bench.sla.AlertFloodHarness [violations=100000] [products=1000] [rounds=3]}.
 * In one run and one JVM, both exactly-once with one stream thread over the same pre-loaded topic:
 * (1) violations per second through a Streams pass-through and through the production SLA topology, in
 * alternated rounds (the first runs colder), the median of the rounds' ratios the figure, and through the SLA
 * topology's shape with none of its logic ({@link SlaFloor}); ten episodes per
 * product, fewer when there are too few violations for ten of at least two records each;
 * (2) the alert topic's OPEN events per (product, SLA kind) against the flood's episodes (at most
 * one each); (3) violation-to-output latency p50/p99 of both, 100 probes per second.
 */
public final class AlertFloodHarness {
    private static final int MAX_EPISODES = 10;
    private static final String PASS_THROUGH_OUT = "flood.passthrough.out";
    private static final String FLOOR_OUT = "flood.floor.out";

    private AlertFloodHarness() {
    }

    public static void main(String[] args) throws Exception {
        AvroTrust.ensure();
        int violations = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int products = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int episodes = Math.max(1, Math.min(MAX_EPISODES, violations / (products * 2)));
        FloodScenario flood = new FloodScenario(products, episodes, Math.max(2, violations / (products * episodes)));
        Path state = Files.createTempDirectory("sla-flood-state");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            MeshwardenConfig config = MeshwardenConfig.load(Map.of(Settings.BOOTSTRAP_SERVERS.key(), broker.bootstrapServers(),
                    Settings.TOPIC_PREFIX.key(), "flood.", Settings.APPLICATION_ID_PREFIX.key(), "flood",
                    Settings.STATE_DIR.key(), state.toString()));
            TopicCatalog topics = config.topics();
            try (Admin admin = Admin.create(config.adminProperties())) {
                new TopicProvisioner(admin, config.getInt(Settings.TOPIC_PARTITIONS), (short) 1).ensure(topics.all());
            }
            broker.createTopic(PASS_THROUGH_OUT, config.getInt(Settings.TOPIC_PARTITIONS), false);
            Topic<String, Violation> input = topics.topic(Topics.VIOLATIONS);
            try (KafkaProducer<String, Violation> producer = new KafkaProducer<>(config.producerProperties("flood"),
                    input.keySerde().serializer(), input.valueSerde().serializer())) {
                for (Violation violation : flood.flood(Instant.now())) {
                    producer.send(new ProducerRecord<>(input.name(), violation.getProductId(), violation));
                }
                producer.flush();

                double[] ratios = new double[rounds];
                double[] floorRatios = new double[rounds];
                Properties slaProperties = null;
                broker.createTopic(FLOOR_OUT, config.getInt(Settings.TOPIC_PARTITIONS), false);
                for (int round = 0; round < rounds; round++) {
                    double baseline = CommittedRate.of(passThrough(topics), config.streamsProperties("passthrough-" + round),
                            config.adminProperties(), input.name(), flood.violations());
                    double floor = CommittedRate.of(SlaFloor.build(topics, FLOOR_OUT), config.streamsProperties("floor-" + round),
                            config.adminProperties(), input.name(), flood.violations());
                    floorRatios[round] = floor / baseline;
                    slaProperties = config.streamsProperties(SlaTopology.APPLICATION_SUFFIX + "-" + round);
                    double sla = CommittedRate.of(SlaTopology.build(topics, SlaPolicy.from(config), slaProperties), slaProperties,
                            config.adminProperties(), input.name(), flood.violations());
                    ratios[round] = sla / baseline;
                    System.out.printf(Locale.ROOT, "  round %d: pass-through %,10.0f violations/s, shape alone (SlaFloor) %,10.0f (%.2f),"
                            + " SLA topology %,10.0f violations/s: %.2f%n", round + 1, baseline, floor, floorRatios[round], sla, ratios[round]);
                    if (round == 0) {
                        reportOpenEvents(config, topics, flood); // the alert topic holds one round's alerts only now
                    }
                }
                System.out.printf(Locale.ROOT, "%nthroughput, %,d violations, %,d products, %d episodes each of %d records, exactly_once_v2, 1 thread:%n"
                        + "  SLA topology / pass-through, median of %d rounds: %.2f (shape alone / pass-through: %.2f)%n",
                        flood.violations(), products, episodes, flood.perEpisode(), rounds, Rounds.median(ratios),
                        Rounds.median(floorRatios));
                try (Admin admin = Admin.create(config.adminProperties())) {
                    String applicationId = slaProperties.getProperty("application.id");
                    System.out.printf(Locale.ROOT, "  SLA topology     %s%n", io.meshwarden.bench.footprint.StateFootprint.of(
                            state.resolve(applicationId), applicationId, admin).describe(products));
                }


                List<Long> passLatency = latency(config, producer, input.name(), passThrough(topics),
                        config.streamsProperties("passthrough-latency"), PASS_THROUGH_OUT, "bench.pass-probe-", id -> id);
                List<Long> slaLatency = latency(config, producer, input.name(),
                        SlaTopology.build(topics, SlaPolicy.from(config), slaProperties), slaProperties,
                        topics.name(Topics.ALERTS), "bench.probe-", id -> id + "/freshness");
                System.out.printf(Locale.ROOT, "%nlatency, violation sent to output read read_committed, 2,000 probes at 100/s, commit interval %s ms:%n",
                        config.get(Settings.COMMIT_INTERVAL_MS));
                print("pass-through", passLatency);
                print("violation -> alert", slaLatency);
            }
        }
    }


    private static Topology passThrough(TopicCatalog topics) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(topics.name(Topics.VIOLATIONS), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("in"))
                .to(PASS_THROUGH_OUT, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("out"));
        return builder.build();
    }

    private static List<Long> latency(MeshwardenConfig config, KafkaProducer<String, Violation> producer, String input,
                                      Topology topology, Properties properties, String output, String prefix,
                                      java.util.function.Function<String, String> outputKey) throws Exception {
        try (KafkaStreams streams = new KafkaStreams(topology, properties)) {
            CountDown running = new CountDown();
            streams.setStateListener((now, before) -> running.set(now == KafkaStreams.State.RUNNING));
            streams.start();
            running.await(Duration.ofSeconds(60));
            return LatencyProbe.measure(producer, input, config.consumerProperties("probe"), output, prefix, 2_000, 100, outputKey);
        }
    }

    private static void reportOpenEvents(MeshwardenConfig config, TopicCatalog topics, FloodScenario flood) {
        EventCodec<Alert> codec = EventCodec.of(Alert.class);
        List<Alert> alerts = new ArrayList<>();
        String topic = topics.name(Topics.ALERTS);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config.consumerProperties("flood-check"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    alerts.add(codec.decode(record.value()));
                }
            }
        }
        Map<String, Long> opened = alerts.stream().filter(alert -> alert.getTransition().equals("opened"))
                .collect(Collectors.groupingBy(Alert::getAlertId, Collectors.counting()));
        long episodesPerAlert = (flood.episodes() + 1) / 2; // alternately freshness and completeness, freshness first
        long worst = opened.values().stream().mapToLong(Long::longValue).max().orElse(0);
        System.out.printf(Locale.ROOT, "%nalert topic: %,d events for %,d violations; %,d OPEN events for %,d episodes over %,d alerts;"
                        + " most OPEN events of one alert: %d (episodes per alert: %d) -> %s%n",
                alerts.size(), flood.violations(), opened.values().stream().mapToLong(Long::longValue).sum(),
                (long) flood.products() * flood.episodes(), opened.size(), worst, episodesPerAlert,
                worst <= episodesPerAlert ? "at most one OPEN per episode" : "MORE THAN ONE OPEN PER EPISODE");
    }

    private static void print(String name, List<Long> latencies) {
        System.out.printf(Locale.ROOT, "  %-20s p50 %4d ms  p99 %4d ms  (%,d read)%n", name,
                LatencyProbe.percentile(latencies, 50), LatencyProbe.percentile(latencies, 99), latencies.size());
    }

    /** Waits for the Streams client to be RUNNING. */
    private static final class CountDown {
        private final java.util.concurrent.CountDownLatch latch = new java.util.concurrent.CountDownLatch(1);

        void set(boolean reached) {
            if (reached) {
                latch.countDown();
            }
        }

        void await(Duration limit) throws InterruptedException {
            if (!latch.await(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("Kafka Streams did not reach RUNNING within " + limit);
            }
        }
    }
}
