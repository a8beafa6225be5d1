package io.meshwarden.config;

import io.meshwarden.schemas.Topics;
import java.util.Properties;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Builds the Kafka client properties of every Meshwarden component from one {@link MeshwardenConfig}.
 * Meshwarden's defaults come first; the user's {@code kafka.*} overrides win. Streams settings are
 * named by their documented keys so that this module, which the publisher SDK uses, does not
 * depend on Kafka Streams and RocksDB.
 */
final class KafkaProperties {
    private KafkaProperties() {
    }

    static Properties admin(MeshwardenConfig config) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        return withOverrides(props, config);
    }

    static Properties producer(MeshwardenConfig config, String clientId) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        // No record may be lost or duplicated by a retry.
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        return withOverrides(props, config);
    }

    static Properties consumer(MeshwardenConfig config, String groupSuffix) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.get(Settings.APPLICATION_ID_PREFIX) + "-" + groupSuffix);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Meshwarden's own outputs are transactional; aborted records must stay invisible.
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return withOverrides(props, config);
    }

    static Properties streams(MeshwardenConfig config, String applicationSuffix) {
        Properties props = new Properties();
        props.put("application.id", config.get(Settings.APPLICATION_ID_PREFIX) + "-" + applicationSuffix);
        props.put("bootstrap.servers", config.bootstrapServers());
        props.put("processing.guarantee", config.get(Settings.PROCESSING_GUARANTEE));
        props.put("commit.interval.ms", config.get(Settings.COMMIT_INTERVAL_MS));
        props.put("state.dir", config.get(Settings.STATE_DIR));
        props.put("replication.factor", config.get(Settings.TOPIC_REPLICATION_FACTOR));
        // Generated names change when an operator is added and orphan state; refuse them.
        props.put("ensure.explicit.internal.resource.naming", "true");
        // Processors decode and route bad input themselves; these handlers catch whatever slips past
        // and send it to the same dead-letter topic instead of stopping the thread.
        props.put("deserialization.exception.handler", "org.apache.kafka.streams.errors.LogAndContinueExceptionHandler");
        props.put("processing.exception.handler", "org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler");
        props.put("processing.exception.handler.global.enabled", "true");
        props.put("production.exception.handler", "org.apache.kafka.streams.errors.DefaultProductionExceptionHandler");
        props.put("errors.dead.letter.queue.topic.name", config.topics().name(Topics.DEAD_LETTER));
        // Meshwarden keeps per-product state for thousands of products; Kafka's 10 MiB default cache
        // evicts (and so flushes) entries long before the commit that would have deduplicated them.
        props.put("statestore.cache.max.bytes", Integer.toString(64 * 1024 * 1024));
        props.put("producer." + ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put("consumer." + ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return withOverrides(props, config);
    }

    private static Properties withOverrides(Properties props, MeshwardenConfig config) {
        props.putAll(config.kafkaOverrides());
        return props;
    }
}
