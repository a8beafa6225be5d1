package io.meshwarden.governance.policy;

import io.meshwarden.avro.Classification;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The parameters of one policy rule, read against what its kind declares: unknown names and
 * malformed values are errors naming the rule and the parameter; absent ones take the kind's default.
 */
public final class Parameters {
    private final String ruleId;
    private final Map<String, String> values;
    private final RuleKind kind;

    Parameters(String ruleId, Map<String, String> values, RuleKind kind) {
        this.ruleId = ruleId;
        this.values = values;
        this.kind = kind;
        Set<String> declared = kind.parameters().keySet();
        values.keySet().stream().filter(name -> kind.param(name).isEmpty()).findFirst().ifPresent(name -> {
            throw new InvalidPolicyException("rule '" + ruleId + "': unknown parameter '" + name + "'"
                    + (declared.isEmpty() ? "; its kind takes none" : "; known: " + new TreeSet<>(declared)));
        });
    }

    /** The value, or the kind's default (null when there is none). */
    public String text(String name) {
        String value = values.get(name);
        return value != null ? value : kind.param(name).map(RuleKind.Param::defaultValue).orElse(null);
    }

    /** The names the policy gave that a template ({@code dimensions.*.type}) stands for, in order. */
    public java.util.List<String> instances(String template) {
        return RuleKind.instances(template, values.keySet());
    }

    /** An error naming this rule and the parameter. */
    public InvalidPolicyException error(String name, String problem) {
        return invalid(name, problem);
    }

    public double number(String name) {
        String text = text(name);
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException | NullPointerException e) {
            throw invalid(name, "'" + text + "' is not a number");
        }
    }

    public Long days(String name) {
        String text = text(name);
        if (text == null) {
            return null;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw invalid(name, "'" + text + "' is not a whole number of days");
        }
    }

    public boolean flag(String name) {
        String text = text(name);
        if (!"true".equals(text) && !"false".equals(text)) {
            throw invalid(name, "'" + text + "' is neither true nor false");
        }
        return Boolean.parseBoolean(text);
    }

    public Classification classification(String name) {
        try {
            return Strictness.classification(text(name));
        } catch (IllegalArgumentException e) {
            throw invalid(name, e.getMessage());
        }
    }

    /** A comma-separated list whose items must come from {@code allowed} (any item when it is empty). */
    public Set<String> items(String name, Set<String> allowed) {
        Set<String> items = new TreeSet<>(Strictness.items(text(name) == null ? "" : text(name)));
        items.stream().filter(item -> !allowed.isEmpty() && !allowed.contains(item)).findFirst().ifPresent(item -> {
            throw invalid(name, "'" + item + "' is not one of " + new TreeSet<>(allowed));
        });
        return items;
    }

    private InvalidPolicyException invalid(String name, String problem) {
        return new InvalidPolicyException("rule '" + ruleId + "': parameter '" + name + "': " + problem);
    }
}
