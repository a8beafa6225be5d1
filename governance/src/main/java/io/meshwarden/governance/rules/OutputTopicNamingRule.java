package io.meshwarden.governance.rules;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.Severity;
import io.meshwarden.avro.ViolationCategory;
import io.meshwarden.governance.Finding;
import io.meshwarden.governance.Rule;
import io.meshwarden.governance.diff.SemVer;
import java.util.List;

/**
 * Every output port publishes to {@code <domain>.<product>.v<major>}: consumers find a product's
 * topic from its id, and a breaking change (a major version) gets a new topic beside the old one.
 */
public record OutputTopicNamingRule(String id, Severity severity) implements Rule {

    @Override
    public List<Finding> check(DataProductContract contract) {
        String major = SemVer.parse(contract.getVersion()).map(v -> Integer.toString(v.major())).orElse("<major>");
        String expected = contract.getId() + ".v" + major;
        return contract.getOutputPorts().stream()
                .filter(port -> !port.getTopic().equals(expected))
                .map(port -> finding(ViolationCategory.NAMING, "output port '" + port.getName() + "' of " + contract.getId()
                        + " publishes to '" + port.getTopic() + "'; it must be '" + expected + "'"))
                .toList();
    }
}
