package io.meshwarden.governance.odcs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.QualityGuarantees;
import io.meshwarden.governance.contract.Durations;
import java.time.Duration;
import java.util.Map;

/** Writes guarantees and retention back as ODCS {@code slaProperties}, the inverse of {@link OdcsSla}. */
final class OdcsSlaExport {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private OdcsSlaExport() {
    }

    /** The SLA properties of the contract's guarantees and retention, then those kept as {@code odcs.sla.*} properties. */
    static ArrayNode slaProperties(DataProductContract contract, Map<String, String> properties) {
        ArrayNode sla = NODES.arrayNode();
        QualityGuarantees g = contract.getGuarantees();
        if (g != null) {
            percent(sla, "completeness", g.getCompletenessPercent());
            duration(sla, "latency", g.getFreshnessMaxAgeMs());
            percent(sla, "availability", g.getAvailabilityPercent());
            percent(sla, "accuracyTolerance", g.getAccuracyTolerancePercent());
            duration(sla, "window", g.getWindowMs());
            duration(sla, "frequency", g.getFrequencyMs());
            duration(sla, "timeToDetect", g.getTimeToDetectMs());
            duration(sla, "timeToNotify", g.getTimeToNotifyMs());
        }
        duration(sla, "retention", contract.getRetentionMs());
        properties.forEach((key, value) -> {
            if (key.startsWith(OdcsSla.PREFIX)) {
                sla.add(keptSlaProperty(key.substring(OdcsSla.PREFIX.length()), value));
            }
        });
        return sla;
    }

    private static ObjectNode keptSlaProperty(String key, String value) {
        int dot = key.indexOf('.');
        ObjectNode entry = NODES.objectNode().put("property", dot < 0 ? key : key.substring(0, dot));
        JsonNode parsed = null;
        if (value.startsWith("{")) {
            try {
                parsed = new ObjectMapper().readTree(value);
            } catch (JsonProcessingException e) {
                parsed = null; // a value that merely starts with a brace
            }
        }
        if (parsed instanceof ObjectNode fields && fields.has("value")) {
            entry.setAll(fields);
        } else {
            entry.put("value", value);
        }
        if (dot >= 0) {
            entry.put("driver", key.substring(dot + 1));
        }
        return entry;
    }

    private static void percent(ArrayNode sla, String property, Double value) {
        if (value != null) {
            ObjectNode entry = sla.addObject().put("property", property);
            OdcsQualityExport.number(entry, "value", value);
            entry.put("unit", "percent");
        }
    }

    private static void duration(ArrayNode sla, String property, Long ms) {
        if (ms != null) {
            String[] amount = Durations.amountAndUnit(Duration.ofMillis(ms));
            sla.addObject().put("property", property).put("value", Long.parseLong(amount[0])).put("unit", amount[1]);
        }
    }

}
