package io.meshwarden.quality.recovery;

import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.quality.QualityStreams;
import io.meshwarden.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * What a quality-streams thread killed mid-commit leaves behind, which a clean close cannot show: a
 * transaction left open, with a transactional id of the application's form (and a process id no
 * member has), over every decision partition and the contract-change offsets. Until it ends,
 * {@code read_committed} readers stop at it on every decision partition. Close the producer when
 * the test ends; the application is expected to have fenced it by then.
 */
final class CrashedThreadTransaction {

    private CrashedThreadTransaction() {
    }

    /** Opens the transaction on {@code partitions} partitions and returns its producer, never committed. */
    static KafkaProducer<byte[], byte[]> leaveOpen(MeshwardenConfig config, int partitions) {
        String applicationId = config.streamsProperties(QualityStreams.APPLICATION).getProperty("application.id");
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, applicationId + "-" + UUID.randomUUID() + "-1");
        // What Kafka Streams gives its producers under exactly-once.
        props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "10000");
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        producer.initTransactions();
        producer.beginTransaction();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (int partition = 0; partition < partitions; partition++) {
            producer.send(new ProducerRecord<>(config.topics().name(Topics.DECISIONS), partition, null,
                    "never committed".getBytes(StandardCharsets.UTF_8)));
            offsets.put(new TopicPartition(config.topics().name(Topics.CONTRACT_CHANGES), partition), new OffsetAndMetadata(0));
        }
        producer.sendOffsetsToTransaction(offsets, new ConsumerGroupMetadata(applicationId));
        producer.flush();
        return producer;
    }
}
