package io.meshwarden.kafka.embedded;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The SASL users of a secured embedded broker and which of them are super users.
 *
 * <p>Clients authenticate with SCRAM-SHA-512; each user's credential is created through the Admin API
 * ({@code alterUserScramCredentials}) right after start, with a password generated here unless given.
 * Kafka's {@code StandardAuthorizer} enforces ACLs, and {@code super.users} (a static broker setting, so
 * fixed at start) bypasses them: give it the platform's own services only, never a domain.
 *
 * <p>The broker itself needs a way in before any SCRAM credential exists (SCRAM credentials live in the
 * metadata log the controller serves): its controller and inter-broker connections use SASL/PLAIN with the
 * internal user {@value #BROKER_USER}, whose password is random per start and never printed.
 *
 * @param superUsers user names that bypass ACLs, in order
 * @param passwords  every user's SCRAM password (super users included), by name
 */
public record BrokerSecurity(Set<String> superUsers, Map<String, String> passwords) {

    /** SCRAM mechanism of every client user. */
    public static final String MECHANISM = "SCRAM-SHA-512";
    /**
     * Also accepted on the client listener, for the users known at start, with the same passwords and
     * principals (so the same ACLs): the librdkafka 2.0.2 that Debian's kcat is built on fails every SCRAM
     * login against this broker (SHA-256 and SHA-512; the Java client succeeds), and kcat is the tool
     * people reach for. PLAIN sends the password itself, which SASL_PLAINTEXT on 127.0.0.1 tolerates;
     * users {@link EmbeddedKafkaBroker#createUser created later} have SCRAM only (PLAIN users are static).
     */
    public static final String KCAT_MECHANISM = "PLAIN";
    /** The broker's own identity on its controller and inter-broker connections (SASL/PLAIN). */
    public static final String BROKER_USER = "embedded-broker";
    /** The super user every secured broker has, for tests and tools. */
    public static final String ADMIN_USER = "admin";

    /** Name (and security protocol) of the secured client listener. */
    public static final String LISTENER = "SASL_PLAINTEXT";

    private static final SecureRandom RANDOM = new SecureRandom();

    public BrokerSecurity {
        superUsers = Collections.unmodifiableSet(new LinkedHashSet<>(superUsers));
        passwords = Collections.unmodifiableMap(new LinkedHashMap<>(passwords));
        for (String user : superUsers) {
            if (!passwords.containsKey(user)) {
                throw new IllegalArgumentException("super user " + user + " has no password");
            }
        }
        passwords.forEach((user, password) -> {
            requireName(user);
            // A quote or backslash would break the JAAS lines the passwords are written into.
            if (password == null || password.isEmpty() || password.contains("\"") || password.contains("\\")) {
                throw new IllegalArgumentException("user " + user + " needs a non-empty password without quotes or backslashes");
            }
        });
        if (passwords.containsKey(BROKER_USER)) {
            throw new IllegalArgumentException(BROKER_USER + " is the broker's own user");
        }
    }

    /**
     * {@value #ADMIN_USER} and the given super users, plus the given ordinary users, each with a freshly
     * generated password.
     */
    public static BrokerSecurity generated(List<String> superUsers, List<String> users) {
        Set<String> supers = new LinkedHashSet<>();
        supers.add(ADMIN_USER);
        supers.addAll(superUsers);
        Map<String, String> passwords = new LinkedHashMap<>();
        supers.forEach(user -> passwords.put(user, randomPassword()));
        users.forEach(user -> passwords.putIfAbsent(user, randomPassword()));
        return new BrokerSecurity(supers, passwords);
    }

    /** This security with one more ordinary user and a generated password (an existing user keeps theirs). */
    public BrokerSecurity withUser(String user) {
        Map<String, String> copy = new LinkedHashMap<>(passwords);
        copy.putIfAbsent(requireName(user), randomPassword());
        return new BrokerSecurity(superUsers, copy);
    }

    public String password(String user) {
        String password = passwords.get(user);
        if (password == null) {
            throw new IllegalArgumentException("no user " + user + " on this broker; known: " + passwords.keySet());
        }
        return password;
    }

    /** The {@code super.users} broker setting: the broker's own user and {@link #superUsers}. */
    String superUsersSetting() {
        Set<String> all = new LinkedHashSet<>();
        all.add(BROKER_USER);
        all.addAll(superUsers);
        return all.stream().map(user -> "User:" + user).collect(Collectors.joining(";"));
    }

    /**
     * Server properties that secure a single node: the client listener {@value #LISTENER} takes SCRAM-SHA-512
     * from clients, and PLAIN from the broker itself (its inter-broker connections, as {@link #BROKER_USER}
     * with {@code brokerPassword}) and from kcat ({@link #KCAT_MECHANISM}); the controller listener takes
     * PLAIN from the broker only.
     */
    Map<String, String> brokerProperties(int clientPort, int controllerPort, String brokerPassword) {
        String plain = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + BROKER_USER
                + "\" password=\"" + brokerPassword + "\" user_" + BROKER_USER + "=\"" + brokerPassword + "\";";
        String controller = BrokerSettings.CONTROLLER_LISTENER;
        String client = LISTENER.toLowerCase(java.util.Locale.ROOT);
        Map<String, String> props = new LinkedHashMap<>();
        props.put("listeners", LISTENER + "://127.0.0.1:" + clientPort + "," + controller + "://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", LISTENER + "://127.0.0.1:" + clientPort);
        props.put("listener.security.protocol.map", LISTENER + ":SASL_PLAINTEXT," + controller + ":SASL_PLAINTEXT");
        props.put("inter.broker.listener.name", LISTENER);
        props.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
        props.put("sasl.mechanism.controller.protocol", "PLAIN");
        props.put("listener.name." + client + ".sasl.enabled.mechanisms", MECHANISM + "," + KCAT_MECHANISM);
        props.put("listener.name." + client + "." + MECHANISM.toLowerCase(java.util.Locale.ROOT) + ".sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        // PLAIN on the client listener knows the broker itself and every user known at start, with the same password.
        StringBuilder plainUsers = new StringBuilder(plain.substring(0, plain.length() - 1));
        passwords.forEach((user, password) -> plainUsers.append(" user_").append(user).append("=\"").append(password).append('"'));
        props.put("listener.name." + client + ".plain.sasl.jaas.config", plainUsers.append(';').toString());
        props.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
        props.put("listener.name.controller.plain.sasl.jaas.config", plain);
        props.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        props.put("super.users", superUsersSetting());
        props.put("allow.everyone.if.no.acl.found", "false");
        return props;
    }

    /** Client properties of the broker's own PLAIN user, for its embedded admin client. */
    static Map<String, String> brokerClientProperties(String brokerPassword) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("security.protocol", "SASL_PLAINTEXT");
        props.put("sasl.mechanism", "PLAIN");
        props.put("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                + BROKER_USER + "\" password=\"" + brokerPassword + "\";");
        return props;
    }

    /** Client properties of a SCRAM user: what a producer, consumer or admin needs besides its bootstrap servers. */
    public Map<String, String> clientProperties(String user) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("security.protocol", "SASL_PLAINTEXT");
        props.put("sasl.mechanism", MECHANISM);
        props.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + user + "\" password=\"" + password(user) + "\";");
        return props;
    }

    /** kcat's ({@code librdkafka}'s) options to connect as {@code user}, for copy and paste. */
    public String kcatOptions(String user) {
        return "-X security.protocol=SASL_PLAINTEXT -X sasl.mechanisms=" + KCAT_MECHANISM + " -X sasl.username=" + user
                + " -X sasl.password=" + password(user);
    }

    static String randomPassword() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String requireName(String user) {
        Objects.requireNonNull(user, "user");
        // Quotes and separators would break the JAAS line and the super.users list.
        if (!user.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("user names are letters, digits, '.', '_' and '-', not '" + user + "'");
        }
        return user;
    }
}
