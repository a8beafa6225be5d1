package io.meshwarden.governance.rules;

import dev.cel.common.exceptions.CelInvalidArgumentException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelStandardFunctions;
import dev.cel.runtime.CelStandardFunctions.StandardFunction;
import io.meshwarden.governance.text.LinearPattern;
import java.util.List;

/**
 * CEL's {@code matches}, as the CEL specification defines it (RE2 syntax, true when the pattern
 * matches anywhere in the string, as cel-java's own), with each pattern compiled once instead of at
 * every evaluation: compiling {@code ^[0-9]+/(second|minute|hour|day)$} cost more than matching it
 * and the rest of its rule. Patterns are compiled by {@link LinearPattern}, as every other pattern a
 * steward writes; one it refuses makes the rule's evaluation fail with the reason, as a pattern
 * that does not parse did before.
 */
final class CelMatches {
    private CelMatches() {
    }

    /** The standard functions without {@code matches}, which {@link #bindings} replace. */
    static CelStandardFunctions standardFunctionsWithout() {
        return CelStandardFunctions.newBuilder().excludeFunctions(StandardFunction.MATCHES).build();
    }

    /** Both overloads the checker declares: {@code matches(s, re)} and {@code s.matches(re)}. */
    static List<CelFunctionBinding> bindings() {
        return List.of(CelFunctionBinding.from("matches", String.class, String.class, CelMatches::find),
                CelFunctionBinding.from("matches_string", String.class, String.class, CelMatches::find));
    }

    private static boolean find(String text, String regex) {
        try {
            return LinearPattern.compileOnce(regex).matcher(text).find();
        } catch (IllegalArgumentException e) {
            throw new CelInvalidArgumentException(e);
        }
    }
}
