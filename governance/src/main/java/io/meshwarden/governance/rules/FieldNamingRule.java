package io.meshwarden.governance.rules;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.Severity;
import io.meshwarden.avro.ViolationCategory;
import io.meshwarden.governance.Finding;
import io.meshwarden.governance.Rule;
import java.util.List;
import com.google.re2j.Pattern;

/**
 * Field names follow one convention across the mesh (snake_case unless a policy says otherwise). The
 * pattern is a policy's, compiled by {@link io.meshwarden.governance.text.LinearPattern}.
 */
public record FieldNamingRule(String id, Severity severity, Pattern pattern) implements Rule {
    public static final String DEFAULT_PATTERN = "[a-z][a-z0-9]*(_[a-z0-9]+)*";

    @Override
    public List<Finding> check(DataProductContract contract) {
        return contract.getFields().stream()
                .filter(field -> !pattern.matcher(field.getName()).matches())
                .map(field -> finding(ViolationCategory.NAMING, "field '" + field.getName() + "' of " + contract.getId()
                        + " does not match " + pattern.pattern()))
                .toList();
    }
}
