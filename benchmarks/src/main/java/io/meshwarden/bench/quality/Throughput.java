package io.meshwarden.bench.quality;

import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.schemas.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;

/**
 * Runs one topology over the pre-loaded metric topic (or other pre-loaded topics) and measures its rate from the offsets it
 * commits: the time between committing 10 % and 100 % of the events, so start-up and the first
 * rebalance do not count against either topology.
 */
final class Throughput {
    private static final Duration TIMEOUT = Duration.ofMinutes(4);

    private Throughput() {
    }

    static double measure(MeshwardenConfig config, String name, Topology topology, long events) throws Exception {
        String metrics = config.topics().name(Topics.METRICS);
        return measure(config, name, topology, events, metrics::equals);
    }

    /** The same over the pre-loaded topics {@code input} accepts. */
    static double measure(MeshwardenConfig config, String name, Topology topology, long events, Predicate<String> input)
            throws Exception {
        return measure(config, name, topology, events, input, topic -> false);
    }

    /**
     * The same, done only when the application has also consumed every record of its internal
     * topics that {@code internal} accepts (committed offset at the log end): a topology with a
     * repartition hop commits its input long before the sub-topology behind the hop is through.
     */
    static double measure(MeshwardenConfig config, String name, Topology topology, long events, Predicate<String> input,
                          Predicate<String> internal) throws Exception {
        Properties props = config.streamsProperties(name);
        String group = props.getProperty("application.id");
        try (KafkaStreams streams = new KafkaStreams(topology, props); Admin admin = Admin.create(config.adminProperties())) {
            streams.start();
            long tenPercentAt = 0;
            long deadline = System.currentTimeMillis() + TIMEOUT.toMillis();
            while (System.currentTimeMillis() < deadline) {
                long committed = committed(admin, group, input);
                long now = System.currentTimeMillis();
                if (tenPercentAt == 0 && committed >= events / 10) {
                    tenPercentAt = now;
                }
                if (committed >= events && drained(admin, group, internal)) {
                    streams.close(CloseOptions.timeout(Duration.ofSeconds(30)));
                    return (events - events / 10) * 1000.0 / Math.max(1, now - tenPercentAt);
                }
                Thread.sleep(50); // a measurement loop, not a test: polling the committed offsets
            }
            throw new IllegalStateException(name + " did not process " + events + " events within " + TIMEOUT);
        }
    }

    /** Every partition of the internal topics the group has committed is committed up to its log end. */
    private static boolean drained(Admin admin, String group, Predicate<String> internal) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> internals = new HashMap<>();
        offsets.keySet().stream().filter(p -> internal.test(p.topic())).forEach(p -> internals.put(p, OffsetSpec.latest()));
        if (internals.isEmpty()) {
            return true;
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(internals).all().get();
        return ends.entrySet().stream().allMatch(end -> offsets.get(end.getKey()) != null
                && offsets.get(end.getKey()).offset() >= end.getValue().offset());
    }

    private static long committed(Admin admin, String group, Predicate<String> input) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        return offsets.entrySet().stream().filter(e -> input.test(e.getKey().topic()) && e.getValue() != null)
                .mapToLong(e -> e.getValue().offset()).sum();
    }
}
