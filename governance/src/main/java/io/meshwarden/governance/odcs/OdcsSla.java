package io.meshwarden.governance.odcs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshwarden.avro.QualityGuarantees;
import io.meshwarden.governance.contract.Durations;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Maps ODCS {@code slaProperties} onto guarantees: latency is the freshness a consumer can count
 * on, frequency how often the product is refreshed, retention, availability, and the two targets
 * new to streaming, timeToDetect and timeToNotify, which the pipeline measures itself. Meshwarden's
 * own guarantees travel as SLA properties too (completeness, accuracyTolerance and the completeness
 * window). Durations are read as value plus unit or ISO-8601. Every other SLA property is kept as
 * contract property {@code odcs.sla.<property>[.<driver>]} and listed as a warning.
 */
final class OdcsSla {
    static final String PREFIX = "odcs.sla.";

    private final List<String> warnings;
    private final Map<String, String> properties;
    private final QualityGuarantees guarantees = new QualityGuarantees();
    private Long retentionMs;

    OdcsSla(List<String> warnings, Map<String, String> properties) {
        this.warnings = warnings;
        this.properties = properties;
    }

    Long retentionMs() {
        return retentionMs;
    }

    /** The guarantees the SLA properties state, or null when they state none. */
    QualityGuarantees guarantees(JsonNode sla) {
        for (int i = 0; i < sla.size(); i++) {
            read(sla.get(i), "$.slaProperties[" + i + "]");
        }
        boolean none = guarantees.getCompletenessPercent() == null && guarantees.getFreshnessMaxAgeMs() == null
                && guarantees.getAvailabilityPercent() == null && guarantees.getAccuracyTolerancePercent() == null
                && guarantees.getWindowMs() == null && guarantees.getFrequencyMs() == null
                && guarantees.getTimeToDetectMs() == null && guarantees.getTimeToNotifyMs() == null;
        return none ? null : guarantees;
    }

    private void read(JsonNode property, String path) {
        String name = property.path("property").asText();
        switch (name) {
            case "latency" -> duration(property, path, ms -> guarantees.setFreshnessMaxAgeMs(ms));
            case "frequency" -> duration(property, path, ms -> guarantees.setFrequencyMs(ms));
            case "timeToDetect" -> duration(property, path, ms -> guarantees.setTimeToDetectMs(ms));
            case "timeToNotify" -> duration(property, path, ms -> guarantees.setTimeToNotifyMs(ms));
            case "window" -> duration(property, path, ms -> guarantees.setWindowMs(ms));
            case "retention" -> duration(property, path, ms -> retentionMs = ms);
            case "availability" -> percent(property, path).ifPresent(guarantees::setAvailabilityPercent);
            case "completeness" -> percent(property, path).ifPresent(guarantees::setCompletenessPercent);
            case "accuracyTolerance" -> percent(property, path).ifPresent(guarantees::setAccuracyTolerancePercent);
            default -> keep(property, path, name);
        }
    }

    /**
     * An SLA property with no guarantee: its value as written, or, when it says more than a value
     * (unit, element, description...), the JSON of all it says but its name and driver.
     */
    private void keep(JsonNode property, String path, String name) {
        String key = PREFIX + name + (property.hasNonNull("driver") ? "." + property.path("driver").asText() : "");
        ObjectNode rest = ((ObjectNode) property).deepCopy();
        rest.remove(List.of("property", "driver"));
        properties.put(key, rest.size() == 1 ? OdcsImporter.scalar(rest.path("value")) : rest.toString());
        warnings.add(path + " (" + name + ") is no guarantee Meshwarden checks; kept as property " + key);
    }

    private void duration(JsonNode property, String path, Consumer<Long> target) {
        String value = OdcsImporter.scalar(property.path("value"));
        String unit = property.path("unit").asText(null);
        Optional<Duration> duration = unit == null || unit.isBlank() ? Durations.parse(value) : Durations.of(value, unit)
                .or(() -> Durations.parse(value));
        duration.ifPresentOrElse(d -> target.accept(d.toMillis()), () -> {
            properties.put(PREFIX + property.path("property").asText(), value + (unit == null ? "" : " " + unit));
            warnings.add(path + " (" + property.path("property").asText() + " " + value + (unit == null ? ", no unit" : " " + unit)
                    + ") is not a duration (value and unit such as 4 d, or ISO-8601 such as P1Y, PT15M); kept as property "
                    + PREFIX + property.path("property").asText());
        });
        OdcsMapping.unmapped(warnings, path, property, "property", "value", "unit");
    }

    private Optional<Double> percent(JsonNode property, String path) {
        String value = OdcsImporter.scalar(property.path("value")).replaceAll("\\s*%$", "");
        String unit = property.path("unit").asText("percent");
        OdcsMapping.unmapped(warnings, path, property, "property", "value", "unit");
        try {
            double percent = Double.parseDouble(value);
            if (unit.matches("percent|%") && percent >= 0 && percent <= 100) {
                return Optional.of(percent);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        properties.put(PREFIX + property.path("property").asText(), value);
        warnings.add(path + " (" + property.path("property").asText() + " " + value + " " + unit
                + ") is not a percentage between 0 and 100; kept as property " + PREFIX + property.path("property").asText());
        return Optional.empty();
    }
}
