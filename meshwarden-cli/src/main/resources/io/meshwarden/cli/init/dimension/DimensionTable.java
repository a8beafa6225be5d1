package {{package}};

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwarden.config.MeshwardenConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The dimension table in a compacted topic (the contract's output topic): one record per entity,
 * keyed by the contract's {@code pipeline.key-field}, holding its latest row as JSON; a deleted
 * entity is a tombstone (null value), which compaction eventually removes. {@link #sync} brings the
 * topic to a snapshot of the source table with the fewest records: changed rows and deletions only.
 */
public final class DimensionTable implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MeshwardenConfig config;
    private final String topic;
    private final String keyField;
    private final KafkaProducer<String, String> producer;

    private DimensionTable(MeshwardenConfig config, ProductContract contract) {
        this.config = config;
        this.topic = contract.outputTopic();
        this.keyField = contract.property("pipeline.key-field");
        this.producer = new KafkaProducer<>(config.producerProperties(contract.productId()), new StringSerializer(), new StringSerializer());
    }

    /** Publishes the contract and creates the compacted topic if it is missing. */
    public static DimensionTable open(MeshwardenConfig config, ProductContract contract) {
        contract.publish(config);
        contract.createTopic(config, contract.outputTopic(), true);
        return new DimensionTable(config, contract);
    }

    /** What changed in one sync. */
    public record Changes(int upserts, int deletes) {
    }

    /** Writes every source row that is new or differs from the topic's, and a tombstone for every entity the source lost. */
    public Changes sync(List<Map<String, Object>> source) throws JsonProcessingException {
        Map<String, String> current = current();
        Map<String, JsonNode> wanted = new HashMap<>();
        for (Map<String, Object> row : source) {
            Object key = row.get(keyField);
            if (!(key instanceof String id) || id.isBlank()) {
                throw new IllegalArgumentException("a source row has no " + keyField + ", the key of its record");
            }
            wanted.put(id, JSON.valueToTree(row));
        }
        int upserts = 0;
        for (Map.Entry<String, JsonNode> row : wanted.entrySet()) {
            String now = current.get(row.getKey());
            // Compared as JSON trees: the same row is unchanged whatever the order of its columns.
            if (now == null || !JSON.readTree(now).equals(row.getValue())) {
                producer.send(new ProducerRecord<>(topic, row.getKey(), JSON.writeValueAsString(row.getValue())));
                upserts++;
            }
        }
        int deletes = 0;
        for (String gone : current.keySet()) {
            if (!wanted.containsKey(gone)) {
                producer.send(new ProducerRecord<>(topic, gone, null));
                deletes++;
            }
        }
        producer.flush();
        return new Changes(upserts, deletes);
    }

    /** The table as the topic holds it now: each entity's latest row, tombstoned ones left out. */
    public Map<String, String> current() {
        Properties properties = config.consumerProperties("dimension-reader");
        properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        Map<String, String> rows = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (record.value() == null) {
                        rows.remove(record.key());
                    } else {
                        rows.put(record.key(), record.value());
                    }
                });
            }
        }
        return rows;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }
}
