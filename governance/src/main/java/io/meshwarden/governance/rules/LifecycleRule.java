package io.meshwarden.governance.rules;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.ProductStatus;
import io.meshwarden.avro.Severity;
import io.meshwarden.avro.ViolationCategory;
import io.meshwarden.governance.ContractContext;
import io.meshwarden.governance.Finding;
import io.meshwarden.governance.ContextRule;
import io.meshwarden.governance.lifecycle.Deprecation;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Products end their life in the open: a deprecated product names a sunset date and a successor,
 * and a product cannot retire while active products still list it as upstream, nor while consumer
 * groups still read its topics unless it says why ({@link Deprecation#OVERRIDE_REASON}; the governance
 * topology records the override in the decision).
 */
public record LifecycleRule(String id, Severity severity) implements ContextRule {

    @Override
    public List<Finding> check(ContractContext context) {
        DataProductContract contract = context.contract();
        List<Finding> findings = new ArrayList<>();
        if (contract.getStatus() == ProductStatus.DEPRECATED) {
            if (contract.getSunsetDate() == null) {
                findings.add(finding(ViolationCategory.LIFECYCLE, "deprecated product " + contract.getId() + " has no sunset date"));
            } else if (!isDate(contract.getSunsetDate())) {
                findings.add(finding(ViolationCategory.LIFECYCLE, "sunset date '" + contract.getSunsetDate() + "' of "
                        + contract.getId() + " is not an ISO-8601 date (YYYY-MM-DD)"));
            }
            if (contract.getSuccessor() == null || contract.getSuccessor().isBlank()) {
                findings.add(finding(ViolationCategory.LIFECYCLE, "deprecated product " + contract.getId() + " names no successor"));
            }
        }
        if (contract.getStatus() == ProductStatus.RETIRED) {
            List<String> consumers = context.catalog().activeConsumersOf(contract.getId()).stream()
                    .filter(consumer -> !consumer.equals(contract.getId())).sorted().toList();
            if (!consumers.isEmpty()) {
                findings.add(finding(ViolationCategory.LIFECYCLE, "product " + contract.getId()
                        + " cannot retire while active products list it as upstream: " + consumers));
            }
            List<String> readers = Deprecation.readers(contract, context.catalog());
            if (!readers.isEmpty() && Deprecation.overrideReason(contract).isEmpty()) {
                findings.add(finding(ViolationCategory.LIFECYCLE, "product " + contract.getId()
                        + " cannot retire while consumer groups read its topics: " + readers + "; to retire it anyway, say why in property "
                        + Deprecation.OVERRIDE_REASON));
            }
        }
        return findings;
    }

    private static boolean isDate(String text) {
        try {
            LocalDate.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
