package io.meshwarden.bench.quality;

import io.meshwarden.config.MeshwardenConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.StateRestoreListener;

/**
 * Start-up of an instance that has lost its disk: the application that ran last, started again with an
 * empty state directory, from {@code start()} to RUNNING and to the end of the last store's restoration
 * (Kafka Streams restores in the background and may report RUNNING first), every changelog partition
 * that holds records restored.
 */
final class RestoreTime {
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private RestoreTime() {
    }

    /** Heap in use after a full collection: what the live objects hold, whatever the heap's size. */
    private static long heapAfterGc() {
        for (int i = 0; i < 2; i++) {
            System.gc(); // a measurement, not a test: the live set, not the garbage since the last collection
        }
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static java.util.Set<TopicPartition> changelogPartitionsWithRecords(org.apache.kafka.clients.admin.Admin admin, String applicationId)
            throws Exception {
        java.util.List<String> changelogs = admin.listTopics().names().get().stream()
                .filter(t -> t.startsWith(applicationId + "-") && t.endsWith("-changelog")).toList();
        java.util.Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> earliest = new java.util.HashMap<>();
        java.util.Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new java.util.HashMap<>();
        admin.describeTopics(changelogs).allTopicNames().get().values().forEach(topic -> topic.partitions().forEach(p -> {
            earliest.put(new TopicPartition(topic.name(), p.partition()), org.apache.kafka.clients.admin.OffsetSpec.earliest());
            latest.put(new TopicPartition(topic.name(), p.partition()), org.apache.kafka.clients.admin.OffsetSpec.latest());
        }));
        var begin = admin.listOffsets(earliest).all().get();
        var end = admin.listOffsets(latest).all().get();
        return end.entrySet().stream().filter(e -> e.getValue().offset() > begin.get(e.getKey()).offset())
                .map(java.util.Map.Entry::getKey).collect(java.util.stream.Collectors.toSet());
    }

    static String measure(MeshwardenConfig config, String name, Topology topology, Path emptyStateDir) throws Exception {
        Properties props = config.streamsProperties(name);
        props.setProperty(StreamsConfig.STATE_DIR_CONFIG, Files.createDirectories(emptyStateDir).toString());
        AtomicLong restored = new AtomicLong();
        AtomicLong lastEnd = new AtomicLong();
        java.util.Set<TopicPartition> toRestore;
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(config.adminProperties())) {
            toRestore = java.util.concurrent.ConcurrentHashMap.newKeySet();
            toRestore.addAll(changelogPartitionsWithRecords(admin, props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG)));
        }
        int partitions = toRestore.size();
        try (KafkaStreams streams = new KafkaStreams(topology, props)) {
            streams.setGlobalStateRestoreListener(new StateRestoreListener() {
                @Override
                public void onRestoreStart(TopicPartition partition, String store, long startingOffset, long endingOffset) {
                }

                @Override
                public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long numRestored) {
                    restored.addAndGet(numRestored);
                }

                @Override
                public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
                    // Called for every changelog partition, those with nothing to restore too.
                    if (toRestore.remove(partition)) {
                        lastEnd.set(System.nanoTime());
                    }
                }
            });
            long heapBefore = heapAfterGc();
            long started = System.nanoTime();
            streams.start();
            long deadline = System.currentTimeMillis() + TIMEOUT.toMillis();
            while (streams.state() != KafkaStreams.State.RUNNING && System.currentTimeMillis() < deadline) {
                Thread.sleep(10); // a measurement loop, not a test
            }
            long running = (System.nanoTime() - started) / 1_000_000;
            long restoreDeadline = System.currentTimeMillis() + 60_000;
            while (!toRestore.isEmpty() && System.currentTimeMillis() < restoreDeadline) {
                Thread.sleep(10);
            }
            long restoredAt = (lastEnd.get() - started) / 1_000_000;
            long heapRunning = heapAfterGc();
            streams.close(CloseOptions.timeout(Duration.ofSeconds(30)));
            return String.format(Locale.ROOT, "start-up with an empty state directory: RUNNING after %,d ms, the last of %d changelog"
                    + " partitions holding records restored after %,d ms%s, %,d records restored; heap in use after a GC %,d MiB"
                    + " with it running, %,d MiB before it started (the broker's and the harness's)", running, partitions,
                    Math.max(restoredAt, 0), toRestore.isEmpty() ? "" : " (" + toRestore.size() + " NOT restored within 60 s)",
                    restored.get(), heapRunning >> 20, heapBefore >> 20);
        }
    }
}
