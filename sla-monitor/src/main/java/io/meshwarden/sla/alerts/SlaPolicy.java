package io.meshwarden.sla.alerts;

import io.meshwarden.avro.Severity;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import java.time.Duration;

/**
 * How the alert lifecycle behaves: escalation timeouts per severity, the flapping threshold (more
 * than {@code flapCycles} breach/recover cycles within {@code flapWindow}; a flapping alert resolves
 * once recovered for a whole window), the runbook base URL and how often wall-clock checks run.
 */
public record SlaPolicy(Duration escalateBlockingAfter, Duration escalateWarningAfter, int flapCycles,
                        Duration flapWindow, String runbookBaseUrl, Duration punctuateInterval) {

    public static SlaPolicy from(MeshwardenConfig config) {
        return new SlaPolicy(
                Duration.ofMillis(config.getLong(Settings.SLA_ESCALATION_BLOCKING_MS)),
                Duration.ofMillis(config.getLong(Settings.SLA_ESCALATION_WARNING_MS)),
                config.getInt(Settings.SLA_FLAP_CYCLES),
                Duration.ofMillis(config.getLong(Settings.SLA_FLAP_WINDOW_MS)),
                config.get(Settings.SLA_RUNBOOK_BASE_URL),
                Duration.ofMillis(config.getLong(Settings.SLA_PUNCTUATE_INTERVAL_MS)));
    }

    public Duration escalateAfter(Severity severity) {
        return severity == Severity.BLOCKING ? escalateBlockingAfter : escalateWarningAfter;
    }

    public String runbookUrl(String ruleId) {
        return runbookBaseUrl + ruleId;
    }
}
