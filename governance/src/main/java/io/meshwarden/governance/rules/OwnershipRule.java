package io.meshwarden.governance.rules;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.Ownership;
import io.meshwarden.avro.Severity;
import io.meshwarden.avro.ViolationCategory;
import io.meshwarden.governance.Finding;
import io.meshwarden.governance.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Every product names an owning team and a steward reachable by e-mail. */
public record OwnershipRule(String id, Severity severity) implements Rule {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    @Override
    public List<Finding> check(DataProductContract contract) {
        Ownership owner = contract.getOwner();
        List<Finding> findings = new ArrayList<>();
        if (isBlank(owner.getTeam())) {
            findings.add(finding("product " + contract.getId() + " has no owner team"));
        }
        if (isBlank(owner.getSteward())) {
            findings.add(finding("product " + contract.getId() + " has no steward"));
        } else if (!EMAIL.matcher(owner.getSteward()).matches()) {
            findings.add(finding("steward '" + owner.getSteward() + "' of " + contract.getId() + " is not an e-mail address"));
        }
        return findings;
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    private Finding finding(String message) {
        return finding(ViolationCategory.METADATA, message);
    }
}
