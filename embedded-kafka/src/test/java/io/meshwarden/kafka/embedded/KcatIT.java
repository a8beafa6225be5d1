package io.meshwarden.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

@EmbeddedKafka(topics = "kcat-partitions", partitions = 4)
class KcatIT {

    @Test
    void librdkafkaPlacesKeysByCrc32NotByMurmur2(EmbeddedKafkaBroker broker) {
        List<Map.Entry<String, String>> records = IntStream.range(0, 40)
                .mapToObj(i -> Map.entry("paid-media.product-" + i, "{\"n\":" + i + "}")).toList();

        Kcat.produce(broker.bootstrapServers(), "kcat-partitions", records);

        try (TopicTail tail = TopicTail.of(broker.bootstrapServers(), "kcat-partitions")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> tail.poll().size() == records.size());
            List<ConsumerRecord<byte[], byte[]>> read = tail.poll();
            assertThat(read).allSatisfy(record -> assertThat(record.partition())
                    .isEqualTo(Kcat.defaultPartition(new String(record.key(), StandardCharsets.UTF_8), 4)));
            // The point of the helper: most keys land where the Java client would not have put them.
            long elsewhere = read.stream().filter(record -> record.partition()
                    != Utils.toPositive(Utils.murmur2(record.key())) % 4).count();
            assertThat(elsewhere).isGreaterThan(records.size() / 2);
        }
    }
}
