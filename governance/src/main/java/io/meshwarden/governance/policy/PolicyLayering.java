package io.meshwarden.governance.policy;

import io.meshwarden.avro.PolicyRule;
import io.meshwarden.avro.PolicySet;
import io.meshwarden.avro.Severity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The federation contract between the global set and a domain set: a domain rule with the id of
 * a global rule overrides it, and may only tighten it (same kind, same CEL expression, severity
 * not lowered, every parameter moved only towards strict). Parameters a domain rule leaves out
 * are inherited from the global rule.
 */
public final class PolicyLayering {
    private PolicyLayering() {
    }

    /** One message per way {@code domain} loosens or contradicts {@code global}, each naming both rules. */
    public static List<String> conflicts(PolicySet global, PolicySet domain) {
        Map<String, PolicyRule> globalRules = byId(global);
        List<String> conflicts = new ArrayList<>();
        for (PolicyRule rule : domain.getRules()) {
            PolicyRule overridden = globalRules.get(rule.getId());
            if (overridden != null) {
                String both = "domain rule '" + rule.getId() + "' of " + PolicyCompiler.ref(domain) + " and global rule '"
                        + overridden.getId() + "' of " + PolicyCompiler.ref(global) + ": ";
                problems(overridden, rule).forEach(problem -> conflicts.add(both + problem));
            }
        }
        return conflicts;
    }

    /**
     * One message per way {@code candidate}, a new version of the global set, loosens the global set
     * {@code inForce}: a rule removed, a rule of another kind under the same id, a severity lowered,
     * a CEL expression changed (no one can tell whether it is stricter), a parameter moved towards
     * lenient. Unlike a domain override, a parameter the new version leaves out falls back to its
     * default, not to the old value. Rules added are never loosenings.
     */
    public static List<String> loosenings(PolicySet inForce, PolicySet candidate) {
        Map<String, PolicyRule> next = byId(candidate);
        List<String> loosenings = new ArrayList<>();
        for (PolicyRule rule : inForce.getRules()) {
            PolicyRule successor = next.get(rule.getId());
            String which = "rule '" + rule.getId() + "' of " + PolicyCompiler.ref(inForce) + ": ";
            if (successor == null) {
                loosenings.add(which + "removed by " + PolicyCompiler.ref(candidate));
            } else {
                problems(rule, successor, successor).forEach(problem -> loosenings.add(which + problem.replace("the domain rule",
                        PolicyCompiler.ref(candidate).toString())));
            }
        }
        return loosenings;
    }

    /** The rule a domain override stands for: the global rule's parameters, overlaid with the domain's. */
    public static PolicyRule merged(PolicyRule global, PolicyRule domain) {
        Map<String, String> parameters = new HashMap<>(global.getParameters());
        parameters.putAll(domain.getParameters());
        return PolicyRule.newBuilder(domain).setParameters(parameters)
                .setExpression(domain.getExpression() == null ? global.getExpression() : domain.getExpression()).build();
    }

    static Map<String, PolicyRule> byId(PolicySet set) {
        return set.getRules().stream().collect(Collectors.toMap(PolicyRule::getId, Function.identity(), (a, b) -> a));
    }

    private static List<String> problems(PolicyRule global, PolicyRule domain) {
        return problems(global, domain, merged(global, domain));
    }

    /** How {@code domain}, standing for {@code effective}, loosens {@code global}. */
    private static List<String> problems(PolicyRule global, PolicyRule domain, PolicyRule effective) {
        if (!global.getKind().equals(domain.getKind())) {
            return List.of("the domain rule is of kind " + domain.getKind() + " where the global rule is of kind "
                    + global.getKind() + "; a domain may tighten a global rule, never replace it");
        }
        List<String> problems = new ArrayList<>();
        if (global.getSeverity() == Severity.BLOCKING && domain.getSeverity() == Severity.WARNING) {
            problems.add("the domain rule lowers severity blocking to warning");
        }
        if (!Objects.equals(global.getExpression(), effective.getExpression())) {
            problems.add("the domain rule changes the CEL expression; only severity and message of a global CEL rule may change");
        }
        RuleKind kind = RuleKinds.named(global.getKind()).orElse(null);
        if (kind != null) {
            kind.parameters().forEach((declared, param) -> RuleKind.instances(declared, global.getParameters().keySet())
                    .forEach(name -> {
                        String before = Optional.ofNullable(global.getParameters().get(name)).orElse(param.defaultValue());
                        String after = effective.getParameters().getOrDefault(name, before);
                        if (before != null && after != null) {
                            param.strictness().loosening(name, before, after).ifPresent(problems::add);
                        }
                    }));
        }
        return problems;
    }
}
