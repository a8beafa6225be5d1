package io.meshwarden.governance.text;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * The one way a regular expression written by a domain team or a steward (an ODCS {@code pattern},
 * a naming rule's pattern) is compiled: with RE2/J, whose matching time is linear in the input, so
 * that no pattern, {@code (a+)+$} included, can stall a stream thread on a long value. RE2 has no
 * backreferences and no lookaround; a pattern using them is refused with the reason, never run by a
 * backtracking engine instead. Patterns longer than {@value #MAX_LENGTH} characters are refused too:
 * RE2's compiled program grows with the pattern, and no contract needs one that long.
 */
public final class LinearPattern {
    public static final int MAX_LENGTH = 1_000;
    private static final BoundedMemo<Pattern> COMPILED = new BoundedMemo<>(1_024, LinearPattern::compile);

    private LinearPattern() {
    }

    /**
     * The compiled pattern, compiled once per text: for patterns that arrive with the data they are
     * matched against (a CEL rule's {@code matches} argument) rather than once with their rule.
     */
    public static Pattern compileOnce(String regex) {
        return COMPILED.get(regex);
    }

    /** The compiled pattern; throws {@link IllegalArgumentException} saying why it cannot be run safely. */
    public static Pattern compile(String regex) {
        if (regex.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("the pattern is " + regex.length() + " characters long; at most " + MAX_LENGTH
                    + " are accepted");
        }
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("not a regular expression that runs in linear time (RE2 syntax, no"
                    + " backreferences or lookaround): " + e.getDescription() + " in `" + e.getPattern() + "`", e);
        }
    }
}
