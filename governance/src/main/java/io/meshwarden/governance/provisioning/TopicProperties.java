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
 * </pre>
 * A value that does not parse is an {@link InvalidContractProperty} naming the property, never a default put in
 * its place; an unknown {@code kafka.*} key too, since it is most likely a typo. Retention is the contract's own
 * {@code retentionMs}, not a property.
 *
 * @param partitions    the declared partition count; empty: the platform's default
 * @param cleanupPolicy the declared cleanup policy, normalised ({@code compact,delete} in that order); empty: delete
 * @param observed      whether the product opts its output topics into observed mode
 */
public record TopicProperties(OptionalInt partitions, Optional<String> cleanupPolicy, boolean observed) {
    public static final String PREFIX = "kafka.";
    public static final String PARTITIONS = PREFIX + "partitions";
    public static final String CLEANUP_POLICY = PREFIX + "cleanup.policy";
    public static final String OBSERVED = PREFIX + "observed";
    public static final int MAX_PARTITIONS = 1024;
    public static final String DELETE = "delete";
    public static final String COMPACT = "compact";
    public static final String COMPACT_DELETE = "compact,delete";
    public static final TopicProperties NONE = new TopicProperties(OptionalInt.empty(), Optional.empty(), false);
    private static final Set<String> KEYS = Set.of(PARTITIONS, CLEANUP_POLICY, OBSERVED);

    /** The settings the properties name; {@link #NONE} where they name none. */
    public static TopicProperties of(Map<String, String> properties) {
        if (properties == null) {
            return NONE;
        }
        for (String key : properties.keySet()) {
            if (key.startsWith(PREFIX) && !KEYS.contains(key)) {
                throw new InvalidContractProperty(key, "unknown Kafka topic setting; known: " + CLEANUP_POLICY + ", " + OBSERVED + ", "
                        + PARTITIONS);
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
        if (observed != null && !observed.trim().equalsIgnoreCase("true") && !observed.trim().equalsIgnoreCase("false")) {
            throw new InvalidContractProperty(OBSERVED, "must be true or false; was '" + shortened(observed) + "'");
        }
        return new TopicProperties(partitions, policy == null ? Optional.empty() : Optional.of(cleanupPolicy(policy)),
                observed != null && observed.trim().equalsIgnoreCase("true"));
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
