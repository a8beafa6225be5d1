package io.meshwarden.governance.policy;

import io.meshwarden.avro.Classification;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How one rule parameter orders policies from loose to strict, so that a domain rule can be
 * checked against the global rule it overrides: a domain may move a parameter only towards strict.
 */
public enum Strictness {
    /** A larger number is stricter (a minimum percentage). */
    HIGHER_IS_STRICTER,
    /** A smaller number is stricter (a ceiling in days). */
    LOWER_IS_STRICTER,
    /** A higher classification is stricter (public &lt; internal &lt; confidential &lt; restricted). */
    HIGHER_CLASSIFICATION,
    /** A comma-separated list is stricter when it contains more (required attributes). */
    SUPERSET,
    /** true is stricter than false. */
    TRUE_IS_STRICTER,
    /** Neither stricter nor looser: a domain must keep the global value (a naming pattern). */
    SAME,
    /** Free to change (a message shown to the team). */
    FREE;

    /** Why {@code domain} is looser than {@code global}, or empty when it is at least as strict. */
    public Optional<String> loosening(String parameter, String global, String domain) {
        boolean looser = switch (this) {
            case HIGHER_IS_STRICTER -> Double.parseDouble(domain) < Double.parseDouble(global);
            case LOWER_IS_STRICTER -> Double.parseDouble(domain) > Double.parseDouble(global);
            case HIGHER_CLASSIFICATION -> classification(domain).ordinal() < classification(global).ordinal();
            case SUPERSET -> !items(domain).containsAll(items(global));
            case TRUE_IS_STRICTER -> Boolean.parseBoolean(global) && !Boolean.parseBoolean(domain);
            case SAME -> !global.equals(domain);
            case FREE -> false;
        };
        return looser ? Optional.of("parameter " + parameter + " is '" + domain + "' where the global rule has '" + global + "'")
                : Optional.empty();
    }

    public static Classification classification(String text) {
        try {
            return Classification.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a classification; use one of "
                    + Arrays.toString(Classification.values()).toLowerCase(Locale.ROOT));
        }
    }

    public static Set<String> items(String list) {
        return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }
}
