package io.meshwarden.governance.policy;

import io.meshwarden.avro.PolicyRule;
import io.meshwarden.governance.Rule;
import java.util.Map;

/**
 * One kind of rule a policy set may use: its name in YAML, the parameters it takes (with their
 * defaults and how they order loose to strict) and how to build the rule from them.
 */
public record RuleKind(String name, Map<String, Param> parameters, Factory factory) {

    /** A declared parameter: its default (null for none) and its order from loose to strict. */
    public record Param(Strictness strictness, String defaultValue) {
    }

    @FunctionalInterface
    public interface Factory {
        Rule create(PolicyRule rule, Parameters parameters);
    }

    public Rule create(PolicyRule rule) {
        return factory.create(rule, new Parameters(rule.getId(), rule.getParameters(), parameters));
    }
}
