package io.meshwarden.config;

import io.meshwarden.schemas.Replication;
import io.meshwarden.schemas.Topics;
import java.util.Properties;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Builds the Kafka client properties of every Meshwarden component from one {@link MeshwardenConfig}.
 * Meshwarden's defaults come first; the user's {@code kafka.*} overrides win. Streams settings are
 * named by their documented keys so that this module, which the publisher SDK uses, does not
 * depend on Kafka Streams and RocksDB.
 */
final class KafkaProperties {
    /** The broker's {@code group.min.session.timeout.ms} default: the shortest session a broker accepts unless told otherwise. */
    static final int SESSION_TIMEOUT_MS = 6000;
    /** Well under a third of the session, so that survivors hear of a rebalance within a second. */
    static final int HEARTBEAT_INTERVAL_MS = 1000;
    /**
     * The shortest interval Kafka Streams accepts between probing rebalances (its default is 10 minutes).
     * Until the next one, an instance that joined gets no active task the assignor would rather keep
     * elsewhere: none while its copy of their state is behind (warm-up replicas catch up meanwhile),
     * and none at all when the leader could not read the changelogs' end offsets during the rebalance,
     * whose fallback keeps every task where it was. A minute bounds how long one instance owns
     * everything while another stands idle.
     */
    static final int PROBING_REBALANCE_INTERVAL_MS = 60_000;
    /**
     * Kafka's newer rebalance protocol (KIP-1071), which a deployment may choose with
     * {@code kafka.group.protocol=streams}: its session timeout and standby replicas are group configs
     * on the broker, and Kafka 4.3 refuses static membership with it, so none of {@link #membership} applies.
     */
    static final String GROUP_PROTOCOL = "group.protocol";
    static final String STREAMS_PROTOCOL = "streams";

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

    /**
     * @param replication of the internal topics (changelogs, repartition topics); null takes
     *                    {@link Settings#TOPIC_REPLICATION_FACTOR} as it is
     * @param instanceId  {@code group.instance.id}; null or empty leaves the member dynamic
     */
    static Properties streams(MeshwardenConfig config, String applicationSuffix, Replication replication, String instanceId) {
        Properties props = new Properties();
        props.put("application.id", config.get(Settings.APPLICATION_ID_PREFIX) + "-" + applicationSuffix);
        props.put("bootstrap.servers", config.bootstrapServers());
        props.put("processing.guarantee", config.get(Settings.PROCESSING_GUARANTEE));
        props.put("commit.interval.ms", config.get(Settings.COMMIT_INTERVAL_MS));
        props.put("state.dir", config.get(Settings.STATE_DIR));
        if (replication == null) {
            props.put("replication.factor", config.get(Settings.TOPIC_REPLICATION_FACTOR));
        } else {
            props.put("replication.factor", Short.toString(replication.factor()));
            props.put("topic." + TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(replication.minInSync()));
        }
        if (!STREAMS_PROTOCOL.equalsIgnoreCase(config.kafkaOverrides().get(GROUP_PROTOCOL))) {
            membership(props, config, instanceId);
        }
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

    /**
     * Recovery in seconds (docs/operations.md, "Recovery times"). A static member (a stable
     * {@code group.instance.id}) that restarts within the session timeout gets its own tasks back
     * without a rebalance; a member that died for good is dropped after the session timeout, the
     * broker's minimum by default, and its tasks move to an instance that already keeps a standby
     * copy of their state. Heartbeats every second (Kafka asks for at most a third of the session)
     * let the survivors hear of the rebalance within a second; a probing rebalance every minute at most
     * ({@link #PROBING_REBALANCE_INTERVAL_MS}) gives a newly joined instance its share within a minute.
     */
    private static void membership(Properties props, MeshwardenConfig config, String instanceId) {
        if (instanceId != null && !instanceId.isBlank()) {
            props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId);
        }
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, Integer.toString(SESSION_TIMEOUT_MS));
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Integer.toString(HEARTBEAT_INTERVAL_MS));
        props.put("num.standby.replicas", config.get(Settings.STANDBY_REPLICAS));
        props.put("probing.rebalance.interval.ms", Integer.toString(PROBING_REBALANCE_INTERVAL_MS));
    }

    /** The user's {@code kafka.*} settings, SASL credentials turned into Kafka's own keys by {@link KafkaSasl}. */
    private static Properties withOverrides(Properties props, MeshwardenConfig config) {
        props.putAll(KafkaSasl.clientProperties(config.kafkaOverrides()));
        return props;
    }
}
