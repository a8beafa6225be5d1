package io.meshwarden.governance.provisioning;

import io.meshwarden.governance.properties.InvalidContractProperty;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Reads how a product's Kafka output topics are to be shaped from its contract's properties (a Meshwarden
 * YAML contract's {@code properties}, an ODCS document's {@code customProperties}); both keys are optional and
 * apply to every output port of the product:
 * <pre>
 * kafka.partitions: "12"              # 1 to 1024; default meshwarden.provisioning.partitions
 * kafka.cleanup.policy: compact       # delete (default), compact (dimension-style products), compact,delete
 * kafka.observed: "true"              # quality-streams reads the topics itself (observed mode); default false
 * kafka.observed.ports: "main,eu"     # ... only the output ports of these names (ODCS: a server's own kafka.observed)
 * </pre>
 * A value that does not parse is an {@link InvalidContractProperty} naming the property, never a default put in
 * its place; an unknown {@code kafka.*} key too, since it is most likely a typo. Retention is the contract's own
 * {@code retentionMs}, not a property.
 *
 * @param partitions    the declared partition count; empty: the platform's default
 * @param cleanupPolicy the declared cleanup policy, normalised ({@code compact,delete} in that order); empty: delete
 * @param observed      whether the product opts all its output topics into observed mode
 * @param observedPorts the names of the output ports opted in one by one (beside {@code observed})
 */
public record TopicProperties(OptionalInt partitions, Optional<String> cleanupPolicy, boolean observed, Set<String> observedPorts) {
    public static final String PREFIX = "kafka.";
    public static final String PARTITIONS = PREFIX + "partitions";
    public static final String CLEANUP_POLICY = PREFIX + "cleanup.policy";
    public static final String OBSERVED = PREFIX + "observed";
    public static final String OBSERVED_PORTS = OBSERVED + ".ports";
    public static final int MAX_PARTITIONS = 1024;
    public static final String DELETE = "delete";
    public static final String COMPACT = "compact";
    public static final String COMPACT_DELETE = "compact,delete";
    public static final TopicProperties NONE = new TopicProperties(OptionalInt.empty(), Optional.empty(), false, Set.of());
    private static final Set<String> KEYS = Set.of(PARTITIONS, CLEANUP_POLICY, OBSERVED, OBSERVED_PORTS);

    public TopicProperties {
        observedPorts = Set.copyOf(observedPorts);
    }

    /** Whether the output port of this name is read in observed mode. */
    public boolean observes(String port) {
        return observed || observedPorts.contains(port);
    }

    /** Whether a text is a {@code kafka.observed} value: true or false, in any case; anything else is refused. */
    public static boolean observed(String text) {
        if (!text.trim().equalsIgnoreCase("true") && !text.trim().equalsIgnoreCase("false")) {
            throw new InvalidContractProperty(OBSERVED, "must be true or false; was '" + shortened(text) + "'");
        }
        return text.trim().equalsIgnoreCase("true");
    }

    /** The settings the properties name; {@link #NONE} where they name none. */
    public static TopicProperties of(Map<String, String> properties) {
        if (properties == null) {
            return NONE;
        }
        for (String key : properties.keySet()) {
            if (key.startsWith(PREFIX) && !KEYS.contains(key)) {
                throw new InvalidContractProperty(key, "unknown Kafka topic setting; known: " + CLEANUP_POLICY + ", " + OBSERVED + ", "
                        + OBSERVED_PORTS + ", " + PARTITIONS);
            }
        }
        OptionalInt partitions = OptionalInt.empty();
        String count = properties.get(PARTITIONS);
        if (count != null) {
            try {
                int value = Integer.parseInt(count.trim());
                if (value < 1 || value > MAX_PARTITIONS) {
                    throw new NumberFormatException();
                }
                partitions = OptionalInt.of(value);
            } catch (NumberFormatException e) {
                throw new InvalidContractProperty(PARTITIONS, "must be a whole number from 1 to " + MAX_PARTITIONS + "; was '"
                        + shortened(count) + "'");
            }
        }
        String policy = properties.get(CLEANUP_POLICY);
        String observed = properties.get(OBSERVED);
        return new TopicProperties(partitions, policy == null ? Optional.empty() : Optional.of(cleanupPolicy(policy)),
                observed != null && observed(observed), ports(properties.get(OBSERVED_PORTS)));
    }

    private static Set<String> ports(String text) {
        if (text == null) {
            return Set.of();
        }
        Set<String> ports = new java.util.TreeSet<>();
        for (String part : text.split(",")) {
            if (part.isBlank()) {
                throw new InvalidContractProperty(OBSERVED_PORTS, "names output ports separated by commas, none empty; was '"
                        + shortened(text) + "'");
            }
            ports.add(part.trim());
        }
        return ports;
    }

    private static String cleanupPolicy(String text) {
        Set<String> parts = new java.util.TreeSet<>();
        for (String part : text.split(",")) {
            parts.add(part.trim().toLowerCase(Locale.ROOT));
        }
        if (parts.equals(Set.of(DELETE))) {
            return DELETE;
        }
        if (parts.equals(Set.of(COMPACT))) {
            return COMPACT;
        }
        if (parts.equals(Set.of(COMPACT, DELETE))) {
            return COMPACT_DELETE;
        }
        throw new InvalidContractProperty(CLEANUP_POLICY, "must be delete, compact or compact,delete; was '" + shortened(text) + "'");
    }

    private static String shortened(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }
}
