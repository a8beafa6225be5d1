package io.meshwarden.bench.sla;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/**
 * Runs a topology over a pre-loaded input topic and reports records per second from the input
 * offsets its group commits, timed from 10 % to 100 % committed, so start-up, the first rebalance
 * and topic creation count against neither the baseline nor the topology under test.
 */
final class CommittedRate {
    private static final Duration LIMIT = Duration.ofMinutes(5);

    private CommittedRate() {
    }

    static double of(Topology topology, Properties streamsProperties, Properties adminProperties, String input, long records)
            throws Exception {
        String group = streamsProperties.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
        try (Admin admin = Admin.create(adminProperties); KafkaStreams streams = new KafkaStreams(topology, streamsProperties)) {
            streams.start();
            long tenth = -1;
            long end = System.nanoTime() + LIMIT.toNanos();
            while (System.nanoTime() < end) {
                long done = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet().stream()
                        .filter(entry -> entry.getKey().topic().equals(input) && entry.getValue() != null)
                        .map(java.util.Map.Entry::getValue).mapToLong(OffsetAndMetadata::offset).sum();
                long now = System.nanoTime();
                if (tenth < 0 && done >= records / 10) {
                    tenth = now;
                }
                if (done >= records) {
                    streams.close(CloseOptions.timeout(Duration.ofSeconds(30)));
                    return (records - records / 10) / ((now - tenth) / 1e9);
                }
                Thread.sleep(20); // a measuring loop polling committed offsets, not a test
            }
            throw new IllegalStateException(group + " did not commit " + records + " records within " + LIMIT);
        }
    }
}
