package io.meshwarden.bench.quality;

import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.schemas.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;

/**
 * Runs one topology (or two in a pipeline) over the pre-loaded metric topic (or other pre-loaded topics) and measures its
 * rate from the offsets it commits: the time between committing 10 % and 100 % of the events, so start-up and the first
 * rebalance do not count against either topology. Prints where each stream thread's time went.
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
            double rate = timed(name, events, () -> committed(admin, group, input), () -> drained(admin, group, internal));
            System.out.printf(Locale.ROOT, "%s: %s%n", name, where(streams));
            streams.close(CloseOptions.timeout(Duration.ofSeconds(30)));
            return rate;
        }
    }

    /** Events per second between {@code committed} reaching 10 % and 100 % of {@code events} with {@code done} true. */
    private static double timed(String name, long events, Callable<Long> committed, Callable<Boolean> done) throws Exception {
        long tenPercentAt = 0;
        long deadline = System.currentTimeMillis() + TIMEOUT.toMillis();
        while (System.currentTimeMillis() < deadline) {
            long count = committed.call();
            long now = System.currentTimeMillis();
            if (tenPercentAt == 0 && count >= events / 10) {
                tenPercentAt = now;
            }
            if (count >= events && done.call()) {
                return (events - events / 10) * 1000.0 / Math.max(1, now - tenPercentAt);
            }
            Thread.sleep(50); // a measurement loop, not a test: polling the committed offsets
        }
        throw new IllegalStateException(name + " did not process " + events + " events within " + TIMEOUT);
    }

    /**
     * Where the stream thread's time went (Kafka Streams' own thread metrics: shares of wall time polling, processing,
     * committing, punctuating) and what each commit and poll cost: a rate bound by waiting shows as a high poll or
     * commit share, not as processing.
     */
    private static String where(KafkaStreams streams) {
        Map<String, Double> values = new TreeMap<>();
        for (Map.Entry<MetricName, ? extends Metric> metric : streams.metrics().entrySet()) {
            MetricName id = metric.getKey();
            boolean thread = "stream-thread-metrics".equals(id.group()) && WHERE.contains(id.name());
            boolean enforced = "stream-task-metrics".equals(id.group()) && "enforced-processing-total".equals(id.name());
            if ((thread || enforced) && metric.getValue().metricValue() instanceof Double value && !value.isNaN()) {
                values.merge(id.name(), value, enforced ? Double::sum : (a, b) -> b);
            }
        }
        StringBuilder text = new StringBuilder();
        values.forEach((key, value) -> text.append(key).append(' ').append(String.format(Locale.ROOT, "%.3f", value)).append(", "));
        return text.length() == 0 ? "no thread metrics" : text.substring(0, text.length() - 2);
    }

    private static final Set<String> WHERE = Set.of("poll-ratio", "process-ratio", "commit-ratio", "punctuate-ratio",
            "commit-latency-avg", "poll-latency-avg", "poll-records-avg", "process-records-avg", "commit-total");

    /**
     * Two applications in a pipeline, as production runs them (the observed app writing the measurements the quality app
     * reads): timed from 10 % of the events committed by the {@code first} until all are and the {@code second} has
     * consumed every record of the topics {@code between} accepts up to their log end.
     */
    static double measure(MeshwardenConfig first, String firstName, Topology firstTopology, MeshwardenConfig second,
                          String secondName, Topology secondTopology, long events, Predicate<String> input,
                          Predicate<String> between) throws Exception {
        String firstGroup = first.streamsProperties(firstName).getProperty("application.id");
        String secondGroup = second.streamsProperties(secondName).getProperty("application.id");
        try (KafkaStreams upstream = new KafkaStreams(firstTopology, first.streamsProperties(firstName));
             KafkaStreams downstream = new KafkaStreams(secondTopology, second.streamsProperties(secondName));
             Admin admin = Admin.create(first.adminProperties())) {
            downstream.start();
            upstream.start();
            double rate = timed(firstName + " and " + secondName, events, () -> committed(admin, firstGroup, input),
                    () -> drainedEvery(admin, secondGroup, between));
            System.out.printf(Locale.ROOT, "%s: %s%n%s: %s%n", firstName, where(upstream), secondName, where(downstream));
            upstream.close(CloseOptions.timeout(Duration.ofSeconds(30)));
            downstream.close(CloseOptions.timeout(Duration.ofSeconds(30)));
            return rate;
        }
    }

    /**
     * Every partition of the topics {@code between} accepts is committed by the group up to its log end, including those
     * it has not committed at all yet (a downstream app still starting has committed none).
     */
    private static boolean drainedEvery(Admin admin, String group, Predicate<String> between) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        List<String> topics = admin.listTopics().names().get().stream().filter(between).toList();
        Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get().values().forEach(topic -> topic.partitions().forEach(
                partition -> ends.put(new TopicPartition(topic.name(), partition.partition()), OffsetSpec.latest())));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> latest = admin.listOffsets(ends).all().get();
        return !latest.isEmpty() && latest.entrySet().stream().allMatch(end -> offsets.get(end.getKey()) != null
                && offsets.get(end.getKey()).offset() >= end.getValue().offset());
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
