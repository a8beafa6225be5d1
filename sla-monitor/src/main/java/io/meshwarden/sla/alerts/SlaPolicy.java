package io.meshwarden.sla.alerts;

import io.meshwarden.avro.Severity;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import java.time.Duration;

/**
 * How the alert lifecycle behaves: escalation timeouts per severity, the flapping threshold (more
 * than {@code flapCycles} breach/recover cycles within {@code flapWindow}; a flapping alert resolves
 * once recovered for a whole window), the runbook base URL, how often wall-clock checks run, and how
 * long resolved violations and alerts stay in the stores ({@code retention}), and which violations of
 * rejected contract changes open an alert ({@code rejectedChanges}).
 */
public record SlaPolicy(Duration escalateBlockingAfter, Duration escalateWarningAfter, int flapCycles,
                        Duration flapWindow, String runbookBaseUrl, Duration punctuateInterval, Duration retention,
                        RejectedChangeAlerts rejectedChanges) {
    private static final Duration LONGEST_RETENTION_CHECK = Duration.ofHours(1);
    private static final Duration SHORTEST_RETENTION_CHECK = Duration.ofSeconds(1);

    public SlaPolicy {
        rejectedChanges = rejectedChanges == null ? RejectedChangeAlerts.NONE : rejectedChanges;
    }

    /** Violations of rejected changes open no alert. */
    public SlaPolicy(Duration escalateBlockingAfter, Duration escalateWarningAfter, int flapCycles, Duration flapWindow,
                     String runbookBaseUrl, Duration punctuateInterval, Duration retention) {
        this(escalateBlockingAfter, escalateWarningAfter, flapCycles, flapWindow, runbookBaseUrl, punctuateInterval, retention,
                RejectedChangeAlerts.NONE);
    }

    public static SlaPolicy from(MeshwardenConfig config) {
        return new SlaPolicy(
                Duration.ofMillis(config.getLong(Settings.SLA_ESCALATION_BLOCKING_MS)),
                Duration.ofMillis(config.getLong(Settings.SLA_ESCALATION_WARNING_MS)),
                config.getInt(Settings.SLA_FLAP_CYCLES),
                Duration.ofMillis(config.getLong(Settings.SLA_FLAP_WINDOW_MS)),
                config.get(Settings.SLA_RUNBOOK_BASE_URL),
                Duration.ofMillis(config.getLong(Settings.SLA_PUNCTUATE_INTERVAL_MS)),
                Duration.ofMillis(config.getLong(Settings.SLA_RETENTION_MS)),
                RejectedChangeAlerts.parse(config.get(Settings.SLA_ALERT_REJECTED_CHANGES)));
    }

    /**
     * How often (wall clock) the stores drop what has outlived the retention: hourly, or every tenth
     * of the retention if that is shorter, so nothing stays longer than the retention and a tenth.
     */
    public Duration retentionCheckInterval() {
        Duration tenth = retention.dividedBy(10);
        return tenth.compareTo(LONGEST_RETENTION_CHECK) > 0 ? LONGEST_RETENTION_CHECK
                : tenth.compareTo(SHORTEST_RETENTION_CHECK) < 0 ? SHORTEST_RETENTION_CHECK : tenth;
    }

    /** Since when a recovery still counts toward flapping or retention: whichever reaches back further. */
    public Duration recoveryMemory() {
        return retention.compareTo(flapWindow) > 0 ? retention : flapWindow;
    }

    public Duration escalateAfter(Severity severity) {
        return severity == Severity.BLOCKING ? escalateBlockingAfter : escalateWarningAfter;
    }

    public String runbookUrl(String ruleId) {
        return runbookBaseUrl + ruleId;
    }
}
