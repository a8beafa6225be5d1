package io.meshwarden.config;

import io.meshwarden.schemas.EventFormat;
import io.meshwarden.schemas.OutputFormat;
import io.meshwarden.schemas.Replication;
import io.meshwarden.schemas.TopicCatalog;
import io.meshwarden.schemas.registry.SchemaRegistryClient;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * Meshwarden's configuration, layered: defaults in code, overridden by a properties file
 * ({@link Settings#CONFIG_FILE}, named by the environment or an override), overridden by environment
 * variables ({@code MESHWARDEN_*} for settings, {@code KAFKA_*} mapped to Kafka client properties),
 * overridden by explicit values such as command-line options. Keys under {@code kafka.} in the file
 * or overrides pass straight to the Kafka clients. This is the one place that reads the environment
 * and builds Kafka properties; {@link #load(Map, Map)} takes the environment as a map, so that a
 * runnable's precedence can be tested without setting variables.
 */
public final class MeshwardenConfig {
    public static final String NAMESPACE = "meshwarden.";
    public static final String KAFKA_NAMESPACE = "kafka.";
    /** Variables the Kafka scripts use for the JVM itself, not client properties. */
    private static final Set<String> KAFKA_SCRIPT_VARIABLES = Set.of("KAFKA_HEAP_OPTS", "KAFKA_OPTS", "KAFKA_JMX_OPTS",
            "KAFKA_LOG4J_OPTS", "KAFKA_JVM_PERFORMANCE_OPTS", "KAFKA_GC_LOG_OPTS", "KAFKA_DEBUG", "KAFKA_HOME");

    private final Map<String, String> values;
    /** Built on first use: it holds the schema registry client, whose caches every topic of this configuration shares. */
    private volatile TopicCatalog topics;

    private MeshwardenConfig(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /** The configuration of this process: its environment, its config file if any, and the given overrides. */
    public static MeshwardenConfig load(Map<String, String> overrides) {
        return load(System.getenv(), overrides);
    }

    /** Built from defaults and the given overrides only; for tests and embedded use. */
    public static MeshwardenConfig defaults(Map<String, String> overrides) {
        return load(Map.of(), overrides);
    }

    /**
     * The configuration a process with these environment variables and these overrides (keys as in
     * {@link Settings}, or {@code kafka.*}) has. The config file is the one the overrides name, else
     * the one the environment names; a config file cannot name another.
     */
    public static MeshwardenConfig load(Map<String, String> environment, Map<String, String> overrides) {
        Map<String, String> fromEnvironment = fromEnvironment(environment);
        Map<String, String> values = new LinkedHashMap<>();
        Settings.ALL.forEach(setting -> values.put(setting.key(), setting.defaultValue()));
        String file = overrides.getOrDefault(Settings.CONFIG_FILE.key(), fromEnvironment.getOrDefault(Settings.CONFIG_FILE.key(), ""));
        if (!file.isBlank()) {
            Map<String, String> fromFile = readFile(Path.of(file));
            if (fromFile.containsKey(Settings.CONFIG_FILE.key())) {
                throw new IllegalArgumentException("config file " + file + " sets " + Settings.CONFIG_FILE.key()
                        + "; a config file cannot name another");
            }
            putChecked(values, fromFile, "config file " + file);
        }
        putChecked(values, fromEnvironment, "environment");
        putChecked(values, overrides, "overrides");
        MeshwardenConfig config = new MeshwardenConfig(values);
        config.validate();
        return config;
    }

    public MeshwardenConfig with(String key, String value) {
        return with(Map.of(key, value));
    }

    /** These values over this configuration, validated together (a user name and its password, say). */
    public MeshwardenConfig with(Map<String, String> overrides) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        putChecked(copy, overrides, "override");
        MeshwardenConfig config = new MeshwardenConfig(copy);
        config.validate();
        return config;
    }

    public String get(Setting setting) {
        return values.get(setting.key());
    }

    public int getInt(Setting setting) {
        return Integer.parseInt(get(setting));
    }

    public long getLong(Setting setting) {
        return Long.parseLong(get(setting));
    }

    public String bootstrapServers() {
        return get(Settings.BOOTSTRAP_SERVERS);
    }

    public OutputFormat outputFormat() {
        try {
            return OutputFormat.parse(get(Settings.OUTPUT_FORMAT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(Settings.OUTPUT_FORMAT.key() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Every topic of this deployment, with its prefix, output format and schema registry (if
     * {@link Settings#SCHEMA_REGISTRY_URL} names one: the Confluent wire format writes through it, and readers
     * look framed records up in it). The one way services get their topics; the same catalog on every call.
     */
    public TopicCatalog topics() {
        TopicCatalog catalog = topics;
        if (catalog == null) {
            catalog = new TopicCatalog(get(Settings.TOPIC_PREFIX), new EventFormat(outputFormat(), SchemaRegistryClient.from(this)));
            topics = catalog;
        }
        return catalog;
    }

    /** Kafka client properties given under {@code kafka.} or as {@code KAFKA_*} variables. */
    public Map<String, String> kafkaOverrides() {
        Map<String, String> kafka = new TreeMap<>();
        values.forEach((key, value) -> {
            if (key.startsWith(KAFKA_NAMESPACE)) {
                kafka.put(key.substring(KAFKA_NAMESPACE.length()), value);
            }
        });
        return kafka;
    }

    /** Every value in force, for start-up reports. */
    public Map<String, String> asMap() {
        return values;
    }

    public Properties adminProperties() {
        return KafkaProperties.admin(this);
    }

    public Properties producerProperties(String clientId) {
        return KafkaProperties.producer(this, clientId);
    }

    public Properties consumerProperties(String groupSuffix) {
        return KafkaProperties.consumer(this, groupSuffix);
    }

    /**
     * The Streams properties of an application, for tests and tools: internal topics replicated as
     * {@link Settings#TOPIC_REPLICATION_FACTOR} says ({@code -1} is the broker default), the member id
     * only if {@link Settings#INSTANCE_ID} names one.
     */
    public Properties streamsProperties(String applicationSuffix) {
        return KafkaProperties.streams(this, applicationSuffix, null, get(Settings.INSTANCE_ID));
    }

    /**
     * The Streams properties of a running instance: internal topics replicated as decided for the
     * cluster, and this instance's stable member id ({@code group.instance.id}).
     */
    public Properties streamsProperties(String applicationSuffix, Replication replication, String instanceId) {
        return KafkaProperties.streams(this, applicationSuffix, replication, instanceId);
    }

    private void validate() {
        KafkaSasl.clientProperties(kafkaOverrides());
        if (outputFormat() == OutputFormat.CONFLUENT_AVRO && get(Settings.SCHEMA_REGISTRY_URL).isBlank()) {
            throw new IllegalArgumentException(EventFormat.missingRegistry());
        }
        // The prefix; the registry client itself is built when the topics are first asked for.
        new TopicCatalog(get(Settings.TOPIC_PREFIX), OutputFormat.AVRO);
        requireNumber(Settings.COMMIT_INTERVAL_MS);
        requireNumber(Settings.TOPIC_PARTITIONS);
        requireNumber(Settings.TOPIC_REPLICATION_FACTOR);
        requireNumber(Settings.STANDBY_REPLICAS);
        requireNumber(Settings.SLA_RETENTION_MS);
        String guarantee = get(Settings.PROCESSING_GUARANTEE);
        if (!Set.of("exactly_once_v2", "at_least_once").contains(guarantee)) {
            throw new IllegalArgumentException(Settings.PROCESSING_GUARANTEE.key()
                    + " must be exactly_once_v2 or at_least_once, not '" + guarantee + "'");
        }
    }

    private void requireNumber(Setting setting) {
        try {
            Long.parseLong(get(setting));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(setting.key() + " must be a whole number, not '" + get(setting) + "'", e);
        }
    }

    private static Map<String, String> fromEnvironment(Map<String, String> environment) {
        Map<String, String> values = new LinkedHashMap<>();
        environment.forEach((variable, value) -> {
            if (variable.startsWith("MESHWARDEN_")) {
                values.put(settingForVariable(variable), value);
            } else if (variable.startsWith("KAFKA_") && !KAFKA_SCRIPT_VARIABLES.contains(variable)) {
                values.put(KAFKA_NAMESPACE + variable.substring("KAFKA_".length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        return values;
    }

    private static String settingForVariable(String variable) {
        return Settings.ALL.stream().filter(s -> s.environmentVariable().equals(variable)).findFirst()
                .map(Setting::key)
                .orElseThrow(() -> new IllegalArgumentException("unknown environment variable " + variable
                        + "; known: " + Settings.ALL.stream().map(Setting::environmentVariable).toList()));
    }

    private static Map<String, String> readFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name).trim()));
        return values;
    }

    private static void putChecked(Map<String, String> target, Map<String, String> source, String origin) {
        source.forEach((key, value) -> {
            if (!key.startsWith(KAFKA_NAMESPACE) && Settings.byKey(key).isEmpty()) {
                throw new IllegalArgumentException("unknown setting '" + key + "' in " + origin + "; known: "
                        + Settings.ALL.stream().map(Setting::key).toList() + " and kafka.* for Kafka client properties");
            }
            target.put(key, value);
        });
    }
}
