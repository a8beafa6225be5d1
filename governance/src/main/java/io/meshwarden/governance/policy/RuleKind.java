package io.meshwarden.governance.policy;

import io.meshwarden.avro.PolicyRule;
import io.meshwarden.governance.Rule;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One kind of rule a policy set may use: its name in YAML, the parameters it takes (with their
 * defaults and how they order loose to strict) and how to build the rule from them. A declared name
 * may hold {@code *} for one segment of a dotted name chosen by the policy ({@code dimensions.*.type}:
 * one entry per standard the policy declares).
 */
public record RuleKind(String name, Map<String, Param> parameters, Factory factory) {

    /** A declared parameter: its default (null for none) and its order from loose to strict. */
    public record Param(Strictness strictness, String defaultValue) {
    }

    @FunctionalInterface
    public interface Factory {
        Rule create(PolicyRule rule, Parameters parameters);
    }

    /** The declaration {@code name} stands for: itself, or the template one of whose instances it is. */
    public Optional<Param> param(String name) {
        Param exact = parameters.get(name);
        if (exact != null) {
            return Optional.of(exact);
        }
        return parameters.entrySet().stream().filter(e -> matches(e.getKey(), name)).map(Map.Entry::getValue).findFirst();
    }

    /** The names among {@code names} that {@code declared} stands for: itself alone when it is not a template. */
    public static List<String> instances(String declared, Collection<String> names) {
        return declared.indexOf('*') < 0 ? List.of(declared)
                : names.stream().filter(name -> matches(declared, name)).sorted().toList();
    }

    private static boolean matches(String template, String name) {
        if (template.indexOf('*') < 0) {
            return false;
        }
        String[] want = template.split("\\.", -1);
        String[] have = name.split("\\.", -1);
        if (want.length != have.length) {
            return false;
        }
        for (int i = 0; i < want.length; i++) {
            if (!want[i].equals("*") && !want[i].equals(have[i]) || have[i].isEmpty()) {
                return false;
            }
        }
        return true;
    }

    public Rule create(PolicyRule rule) {
        return factory.create(rule, new Parameters(rule.getId(), rule.getParameters(), this));
    }
}
