package io.meshwarden.governance.rules;

import com.google.re2j.Pattern;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.Severity;
import io.meshwarden.avro.ViolationCategory;
import io.meshwarden.governance.Finding;
import io.meshwarden.governance.Rule;
import io.meshwarden.governance.text.BoundedMemo;
import java.util.List;

/**
 * Field names follow one convention across the mesh (snake_case unless a policy says otherwise). The
 * pattern is a policy's, compiled by {@link io.meshwarden.governance.text.LinearPattern}. A mesh's
 * field names repeat from contract to contract and version to version, so each rule remembers its
 * verdict per name: matching 30 names was an eighth of a governance evaluation.
 */
public final class FieldNamingRule implements Rule {
    public static final String DEFAULT_PATTERN = "[a-z][a-z0-9]*(_[a-z0-9]+)*";
    /** Distinct names remembered per rule; more than that and the memo starts again. */
    private static final int NAMES_REMEMBERED = 16_384;

    private final String id;
    private final Severity severity;
    private final Pattern pattern;
    private final BoundedMemo<Boolean> conforms;

    public FieldNamingRule(String id, Severity severity, Pattern pattern) {
        this.id = id;
        this.severity = severity;
        this.pattern = pattern;
        this.conforms = new BoundedMemo<>(NAMES_REMEMBERED, name -> pattern.matcher(name).matches());
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Severity severity() {
        return severity;
    }

    public Pattern pattern() {
        return pattern;
    }

    @Override
    public List<Finding> check(DataProductContract contract) {
        return contract.getFields().stream()
                .filter(field -> !conforms.get(field.getName()))
                .map(field -> finding(ViolationCategory.NAMING, "field '" + field.getName() + "' of " + contract.getId()
                        + " does not match " + pattern.pattern()))
                .toList();
    }
}
