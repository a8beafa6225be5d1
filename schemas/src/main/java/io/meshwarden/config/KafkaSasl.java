package io.meshwarden.config;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one convention for how a Meshwarden client authenticates to Kafka: a user name and password,
 * given like any Kafka setting, as {@code kafka.sasl.username} / {@code kafka.sasl.password} in a file or
 * override, or {@code KAFKA_SASL_USERNAME} / {@code KAFKA_SASL_PASSWORD} in the environment.
 *
 * <p>These two keys are not Kafka client properties: from them this class writes the ones Kafka wants,
 * {@code security.protocol=SASL_PLAINTEXT}, {@code sasl.mechanism=SCRAM-SHA-512} and a
 * {@code sasl.jaas.config} line for the mechanism (SCRAM or PLAIN), so that nobody has to type a JAAS line
 * into an environment variable. Any of the three given explicitly ({@code kafka.security.protocol=SASL_SSL},
 * {@code kafka.sasl.mechanism=PLAIN}, {@code kafka.sasl.jaas.config=...}) wins over the derived value.
 * Without a user name nothing is added: the client connects as configured, PLAINTEXT by default.
 */
public final class KafkaSasl {
    /** Overrides key of the SASL user name; {@code KAFKA_SASL_USERNAME} in the environment. */
    public static final String USERNAME = MeshwardenConfig.KAFKA_NAMESPACE + "sasl.username";
    /** Overrides key of the SASL password; {@code KAFKA_SASL_PASSWORD} in the environment. */
    public static final String PASSWORD = MeshwardenConfig.KAFKA_NAMESPACE + "sasl.password";
    /** The mechanism unless {@code kafka.sasl.mechanism} says otherwise. */
    public static final String DEFAULT_MECHANISM = "SCRAM-SHA-512";
    /** The protocol unless {@code kafka.security.protocol} says otherwise; SASL_SSL needs the ssl.* settings too. */
    public static final String DEFAULT_PROTOCOL = "SASL_PLAINTEXT";

    private static final String USERNAME_KEY = "sasl.username";
    private static final String PASSWORD_KEY = "sasl.password";

    private KafkaSasl() {
    }

    /** The overrides that make every client of a configuration connect as this user. */
    public static Map<String, String> credentials(String username, String password) {
        return Map.of(USERNAME, username, PASSWORD, password);
    }

    /**
     * The Kafka client properties of these {@code kafka.*} overrides (prefix removed): the user name and
     * password replaced by what Kafka understands, everything else as given.
     */
    static Map<String, String> clientProperties(Map<String, String> kafkaOverrides) {
        Map<String, String> props = new TreeMap<>(kafkaOverrides);
        String username = props.remove(USERNAME_KEY);
        String password = props.remove(PASSWORD_KEY);
        if (username == null || username.isBlank()) {
            if (password != null) {
                throw new IllegalArgumentException(PASSWORD + " is set but " + USERNAME + " is not");
            }
            return props;
        }
        if (password == null) {
            throw new IllegalArgumentException(USERNAME + " is set but " + PASSWORD + " is not");
        }
        props.putIfAbsent("security.protocol", DEFAULT_PROTOCOL);
        props.putIfAbsent("sasl.mechanism", DEFAULT_MECHANISM);
        props.putIfAbsent("sasl.jaas.config", jaasLine(props.get("sasl.mechanism"), username, password));
        return props;
    }

    private static String jaasLine(String mechanism, String username, String password) {
        String module = switch (mechanism.toUpperCase(Locale.ROOT)) {
            case "SCRAM-SHA-256", "SCRAM-SHA-512" -> "org.apache.kafka.common.security.scram.ScramLoginModule";
            case "PLAIN" -> "org.apache.kafka.common.security.plain.PlainLoginModule";
            default -> throw new IllegalArgumentException("kafka.sasl.mechanism " + mechanism + " takes no user name and"
                    + " password; give kafka.sasl.jaas.config instead of " + USERNAME);
        };
        return module + " required username=\"" + quoted(username) + "\" password=\"" + quoted(password) + "\";";
    }

    /** JAAS values are double-quoted strings; a quote or backslash inside must be escaped. */
    private static String quoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
