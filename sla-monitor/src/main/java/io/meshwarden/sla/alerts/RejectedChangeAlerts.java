package io.meshwarden.sla.alerts;

import io.meshwarden.avro.Severity;
import io.meshwarden.avro.Violation;
import io.meshwarden.config.Settings;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which violations of rejected contract changes ({@code Violation.rejectedChange}) open an operations
 * alert. A rejected change leaves the version in force as it was: its violations are feedback to the
 * team that proposed it (they reach it in the decision, the CLI and the API), not an incident of the
 * product, so by default none opens an alert. {@code meshwarden.sla.alert.rejected-changes}: {@code none},
 * {@code blocking} (the blocking ones), {@code all}, or a comma-separated list of rule ids.
 *
 * @param rules for {@link Mode#RULES}, the rule ids that alert; empty otherwise
 */
public record RejectedChangeAlerts(Mode mode, Set<String> rules) {
    public static final RejectedChangeAlerts NONE = new RejectedChangeAlerts(Mode.NONE, Set.of());

    public enum Mode { NONE, BLOCKING, ALL, RULES }

    public RejectedChangeAlerts {
        rules = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(rules));
    }

    /** @throws IllegalArgumentException naming the setting, for a rule id that cannot be one */
    public static RejectedChangeAlerts parse(String setting) {
        String value = setting == null ? "" : setting.strip();
        switch (value.toLowerCase(Locale.ROOT)) {
            case "", "none" -> {
                return NONE;
            }
            case "blocking" -> {
                return new RejectedChangeAlerts(Mode.BLOCKING, Set.of());
            }
            case "all" -> {
                return new RejectedChangeAlerts(Mode.ALL, Set.of());
            }
            default -> {
                Set<String> rules = new TreeSet<>();
                for (String rule : Arrays.stream(value.split(",")).map(String::strip).filter(r -> !r.isEmpty()).toList()) {
                    if (rule.indexOf('/') >= 0) {
                        throw new IllegalArgumentException(Settings.SLA_ALERT_REJECTED_CHANGES.key()
                                + " is none, blocking, all or rule ids, and a rule id holds no '/'");
                    }
                    rules.add(rule);
                }
                return rules.isEmpty() ? NONE : new RejectedChangeAlerts(Mode.RULES, rules);
            }
        }
    }

    /** Whether this violation goes through the alert lifecycle: every one that is not of a rejected change, and those configured. */
    public boolean alerts(Violation violation) {
        if (!violation.getRejectedChange()) {
            return true;
        }
        return switch (mode) {
            case NONE -> false;
            case BLOCKING -> violation.getSeverity() == Severity.BLOCKING;
            case ALL -> true;
            case RULES -> rules.contains(violation.getRuleId());
        };
    }
}
