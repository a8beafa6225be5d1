package io.meshwarden.governance;

import io.meshwarden.avro.Severity;
import io.meshwarden.avro.ViolationCategory;

/** One rule's verdict against one contract: which rule, what kind of problem, how serious, and what to fix. */
public record Finding(String ruleId, ViolationCategory category, Severity severity, String message) {

    public boolean blocking() {
        return severity == Severity.BLOCKING;
    }
}
