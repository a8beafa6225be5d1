package io.meshwarden.governance.validation;

import static io.meshwarden.schemas.validation.FieldChecks.MAX_ID_LENGTH;
import static io.meshwarden.schemas.validation.FieldChecks.MAX_NAME_LENGTH;
import static io.meshwarden.schemas.validation.FieldChecks.MAX_TEXT_LENGTH;

import io.meshwarden.avro.PolicyRule;
import io.meshwarden.avro.PolicySet;
import io.meshwarden.governance.diff.SemVer;
import io.meshwarden.schemas.DeadLetterReason;
import io.meshwarden.schemas.validation.FieldChecks;
import io.meshwarden.schemas.validation.InvalidEvent;
import java.util.Map;
import java.util.Optional;

/**
 * The semantic rules of a published policy set, checked when it is decoded: ids and texts within
 * bounds and the version a semantic version. Whether the set compiles, raises the version in force
 * and does not loosen the global set stays the admission's verdict (a POLICY violation); a set
 * refused here is dead-lettered and never reaches the admission.
 */
public final class PolicySetChecks {
    private PolicySetChecks() {
    }

    public static Optional<InvalidEvent> check(PolicySet set) {
        FieldChecks checks = FieldChecks.of()
                .text("id", set.getId(), 1, MAX_ID_LENGTH)
                .text("version", set.getVersion(), 0, MAX_NAME_LENGTH)
                .check(SemVer.parse(set.getVersion()).isPresent(), DeadLetterReason.INVALID_VERSION, "version",
                        () -> "'" + set.getVersion() + "' is not a semantic version MAJOR.MINOR.PATCH")
                .text("domain", set.getDomain(), 0, MAX_ID_LENGTH)
                .entries("rules", set.getRules(), FieldChecks.MAX_LIST);
        for (int i = 0; i < set.getRules().size(); i++) {
            PolicyRule rule = set.getRules().get(i);
            String r = "rules[" + i + "].";
            checks.text(r + "id", rule.getId(), 1, MAX_ID_LENGTH)
                    .text(r + "kind", rule.getKind(), 1, MAX_NAME_LENGTH)
                    .text(r + "description", rule.getDescription(), 0, MAX_TEXT_LENGTH)
                    .text(r + "expression", rule.getExpression(), 0, MAX_TEXT_LENGTH);
            checks.entries(r + "parameters", rule.getParameters().keySet(), FieldChecks.MAX_LIST);
            for (Map.Entry<String, String> parameter : rule.getParameters().entrySet()) {
                checks.text(r + "parameters key", parameter.getKey(), 1, MAX_NAME_LENGTH)
                        .text(r + "parameters[" + parameter.getKey() + "]", parameter.getValue(), 0, MAX_TEXT_LENGTH);
            }
        }
        return checks.result();
    }
}
