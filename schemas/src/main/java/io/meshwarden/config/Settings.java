package io.meshwarden.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every setting Meshwarden knows, with its default; the README's configuration table lists these. */
public final class Settings {
    public static final Setting BOOTSTRAP_SERVERS = new Setting("meshwarden.bootstrap.servers", "localhost:9092",
            "Kafka bootstrap servers");
    public static final Setting TOPIC_PREFIX = new Setting("meshwarden.topic.prefix", "mesh.",
            "prefix of every Meshwarden topic name");
    public static final Setting OUTPUT_FORMAT = new Setting("meshwarden.output.format", "avro",
            "value encoding of output topics: avro (single-object encoding) or json; inputs accept both");
    public static final Setting PROCESSING_GUARANTEE = new Setting("meshwarden.processing.guarantee", "exactly_once_v2",
            "Kafka Streams processing guarantee: exactly_once_v2 or at_least_once");
    public static final Setting COMMIT_INTERVAL_MS = new Setting("meshwarden.commit.interval.ms", "100",
            "Kafka Streams commit interval; under exactly-once each topic hop costs about this much latency");
    public static final Setting STATE_DIR = new Setting("meshwarden.state.dir",
            System.getProperty("java.io.tmpdir") + "/meshwarden-state", "directory of the Kafka Streams state stores");
    public static final Setting TOPIC_PARTITIONS = new Setting("meshwarden.topic.partitions", "4",
            "partitions of the topics Meshwarden creates");
    public static final Setting TOPIC_REPLICATION_FACTOR = new Setting("meshwarden.topic.replication.factor", "-1",
            "replication factor of the topics Meshwarden creates; -1 takes the broker default");
    public static final Setting APPLICATION_ID_PREFIX = new Setting("meshwarden.application.id.prefix", "meshwarden",
            "prefix of the Kafka Streams application ids and consumer groups");

    public static final List<Setting> ALL = List.of(BOOTSTRAP_SERVERS, TOPIC_PREFIX, OUTPUT_FORMAT, PROCESSING_GUARANTEE,
            COMMIT_INTERVAL_MS, STATE_DIR, TOPIC_PARTITIONS, TOPIC_REPLICATION_FACTOR, APPLICATION_ID_PREFIX);

    private static final Map<String, Setting> BY_KEY = ALL.stream().collect(Collectors.toMap(Setting::key, Function.identity()));

    private Settings() {
    }

    public static Optional<Setting> byKey(String key) {
        return Optional.ofNullable(BY_KEY.get(key));
    }
}
