package io.meshwarden.quality.provisioning;

import io.meshwarden.schemas.violation.ViolationRule;

/**
 * One setting of one product topic that differs from its contract and was not (or not only) put right: the rule it
 * breaks ({@link ViolationRule#provisioningRefused} or {@link ViolationRule#provisioningDrift}), what the topic has and
 * what the contract asks, and a sentence saying what provisioning did about it.
 */
record Finding(ViolationRule rule, String topic, String setting, String actual, String wanted, String message) {

    /** The numeric value of {@code text}, for the violation's observed and target values; null when it is not a number. */
    static Double number(String text) {
        try {
            return Double.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
