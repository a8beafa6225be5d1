package io.meshwarden.governance.validation;

import static io.meshwarden.schemas.validation.FieldChecks.MAX_ID_LENGTH;
import static io.meshwarden.schemas.validation.FieldChecks.MAX_NAME_LENGTH;
import static io.meshwarden.schemas.validation.FieldChecks.MAX_TEXT_LENGTH;

import io.meshwarden.avro.ContractChange;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.QualityGuarantees;
import io.meshwarden.governance.accuracy.AccuracyProperties;
import io.meshwarden.governance.anomaly.AnomalyProperties;
import io.meshwarden.governance.diff.SemVer;
import io.meshwarden.governance.properties.InvalidContractProperty;
import io.meshwarden.governance.provisioning.TopicProperties;
import io.meshwarden.schemas.DeadLetterReason;
import io.meshwarden.schemas.validation.FieldChecks;
import io.meshwarden.schemas.validation.InvalidEvent;
import java.util.Set;
import java.util.Optional;

/**
 * The semantic rules of a contract change, checked when it is decoded, before any policy sees it:
 * ids and texts within bounds, the version a semantic version (so that the contract diff can
 * compare it), every duration more than zero, every percentage in [0, 100] and the anomaly detection,
 * accuracy and Kafka topic properties readable ({@link AnomalyProperties}, {@link TopicProperties}). A change that breaks
 * one is dead-lettered with that rule's reason and never reaches the catalog; policies then judge
 * only what a contract can mean, not what it cannot.
 */
public final class ContractChecks {
    private ContractChecks() {
    }

    public static Optional<InvalidEvent> check(ContractChange change) {
        FieldChecks checks = FieldChecks.of()
                .text("changeId", change.getChangeId(), 1, MAX_NAME_LENGTH)
                .text("publishedBy", change.getPublishedBy(), 0, MAX_NAME_LENGTH);
        contract(checks, "contract.", change.getContract());
        return checks.result();
    }

    static void contract(FieldChecks checks, String prefix, DataProductContract contract) {
        checks.text(prefix + "id", contract.getId(), 1, MAX_ID_LENGTH)
                .text(prefix + "domain", contract.getDomain(), 0, MAX_ID_LENGTH)
                .text(prefix + "name", contract.getName(), 0, MAX_NAME_LENGTH)
                .text(prefix + "version", contract.getVersion(), 0, MAX_NAME_LENGTH)
                .check(SemVer.parse(contract.getVersion()).isPresent(), DeadLetterReason.INVALID_VERSION, prefix + "version",
                        () -> "'" + contract.getVersion() + "' is not a semantic version MAJOR.MINOR.PATCH")
                .text(prefix + "description", contract.getDescription(), 0, MAX_TEXT_LENGTH)
                .text(prefix + "documentationUrl", contract.getDocumentationUrl(), 0, MAX_TEXT_LENGTH)
                .text(prefix + "successor", contract.getSuccessor(), 0, MAX_ID_LENGTH)
                .duration(prefix + "retentionMs", contract.getRetentionMs())
                .text(prefix + "productSchema", contract.getProductSchema(), 0, FieldChecks.MAX_DOCUMENT_LENGTH)
                .entries(prefix + "fields", contract.getFields(), FieldChecks.MAX_ENTRIES)
                .entries(prefix + "tags", contract.getTags(), FieldChecks.MAX_LIST)
                .entries(prefix + "upstreamProducts", contract.getUpstreamProducts(), FieldChecks.MAX_ENTRIES)
                .entries(prefix + "outputPorts", contract.getOutputPorts(), FieldChecks.MAX_LIST)
                .entries(prefix + "qualityRules", contract.getQualityRules(), FieldChecks.MAX_ENTRIES)
                .entries(prefix + "properties", contract.getProperties() == null ? null : contract.getProperties().keySet(),
                        FieldChecks.MAX_ENTRIES);
        for (int i = 0; i < contract.getUpstreamProducts().size(); i++) {
            checks.text(prefix + "upstreamProducts[" + i + "]", contract.getUpstreamProducts().get(i), 1, MAX_ID_LENGTH);
        }
        for (int i = 0; i < contract.getTags().size(); i++) {
            checks.text(prefix + "tags[" + i + "]", contract.getTags().get(i), 1, MAX_NAME_LENGTH);
        }
        try {
            AnomalyProperties.of(contract.getProperties());
            AccuracyProperties.measures(contract);
            TopicProperties topics = TopicProperties.of(contract.getProperties());
            Set<String> ports = contract.getOutputPorts().stream().map(port -> port.getName())
                    .collect(java.util.stream.Collectors.toSet());
            topics.observedPorts().stream().filter(port -> !ports.contains(port)).findFirst().ifPresent(port -> {
                throw new InvalidContractProperty(TopicProperties.OBSERVED_PORTS, "'" + (port.length() <= 64 ? port
                        : port.substring(0, 64) + "...") + "' is not the name of an output port of the contract");
            });
        } catch (InvalidContractProperty e) {
            checks.check(false, DeadLetterReason.INVALID_SETTING, prefix + "properties." + e.property(), e::getMessage);
        }
        QualityGuarantees guarantees = contract.getGuarantees();
        if (guarantees != null) {
            String g = prefix + "guarantees.";
            checks.percent(g + "completenessPercent", guarantees.getCompletenessPercent())
                    .percent(g + "availabilityPercent", guarantees.getAvailabilityPercent())
                    .percent(g + "accuracyTolerancePercent", guarantees.getAccuracyTolerancePercent())
                    .duration(g + "freshnessMaxAgeMs", guarantees.getFreshnessMaxAgeMs())
                    .duration(g + "windowMs", guarantees.getWindowMs())
                    .duration(g + "frequencyMs", guarantees.getFrequencyMs())
                    .duration(g + "timeToDetectMs", guarantees.getTimeToDetectMs())
                    .duration(g + "timeToNotifyMs", guarantees.getTimeToNotifyMs());
        }
    }
}
