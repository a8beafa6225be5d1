package {{package}};

import static org.awaitility.Awaitility.await;

import io.meshwarden.config.MeshwardenConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Test helpers: write records to a topic, and read a topic's committed records from its beginning. */
final class TopicRecords {
    private TopicRecords() {
    }

    static void send(MeshwardenConfig config, String topic, List<String[]> keyValues) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config.producerProperties("test-input"),
                new StringSerializer(), new StringSerializer())) {
            keyValues.forEach(kv -> producer.send(new ProducerRecord<>(topic, kv[0], kv[1])));
        }
    }

    /** Reads from the beginning until {@code expected} records arrived (at most 60 s), then once more for any extra. */
    static List<ConsumerRecord<String, String>> read(MeshwardenConfig config, String topic, int expected) {
        // A group of its own, so that every read starts from the beginning.
        Properties properties = config.consumerProperties("test-" + java.util.UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= expected;
            });
            consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        }
        return records;
    }
}
