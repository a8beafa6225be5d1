package io.meshwarden.quality.rules;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The comparison operators of ODCS v3 quality rules, by their ODCS names. A value passes a rule
 * when its operator holds between the value and the threshold; both bounds of {@code mustBeBetween}
 * are inclusive, so {@code mustNotBeBetween} passes only strictly outside them (as SQL's
 * {@code BETWEEN}, which the ODCS tools compile these rules to).
 */
public enum QualityOperator {
    MUST_BE("mustBe", "=") {
        @Override
        boolean holds(double value, double threshold, double high) {
            return value == threshold;
        }
    },
    MUST_NOT_BE("mustNotBe", "!=") {
        @Override
        boolean holds(double value, double threshold, double high) {
            return value != threshold;
        }
    },
    MUST_BE_GREATER_THAN("mustBeGreaterThan", ">") {
        @Override
        boolean holds(double value, double threshold, double high) {
            return value > threshold;
        }
    },
    MUST_BE_GREATER_OR_EQUAL_TO("mustBeGreaterOrEqualTo", ">=") {
        @Override
        boolean holds(double value, double threshold, double high) {
            return value >= threshold;
        }
    },
    MUST_BE_LESS_THAN("mustBeLessThan", "<") {
        @Override
        boolean holds(double value, double threshold, double high) {
            return value < threshold;
        }
    },
    MUST_BE_LESS_OR_EQUAL_TO("mustBeLessOrEqualTo", "<=") {
        @Override
        boolean holds(double value, double threshold, double high) {
            return value <= threshold;
        }
    },
    MUST_BE_BETWEEN("mustBeBetween", "in") {
        @Override
        boolean holds(double value, double threshold, double high) {
            return threshold <= value && value <= high;
        }
    },
    MUST_NOT_BE_BETWEEN("mustNotBeBetween", "not in") {
        @Override
        boolean holds(double value, double threshold, double high) {
            return value < threshold || value > high;
        }
    };

    private final String odcsName;
    private final String symbol;

    QualityOperator(String odcsName, String symbol) {
        this.odcsName = odcsName;
        this.symbol = symbol;
    }

    /** Whether {@code value} passes; {@code high} is the upper bound of the two between operators, ignored by the others. */
    abstract boolean holds(double value, double threshold, double high);

    public String odcsName() {
        return odcsName;
    }

    /** Between operators need an upper bound as well as the threshold. */
    public boolean isRange() {
        return this == MUST_BE_BETWEEN || this == MUST_NOT_BE_BETWEEN;
    }

    /** The operator with this ODCS name (case as ODCS writes it, other cases accepted). */
    public static Optional<QualityOperator> named(String name) {
        return Arrays.stream(values()).filter(op -> op.odcsName.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)))
                .findFirst();
    }

    /** The expectation in words, e.g. {@code "<= 5"} or {@code "in [10, 20]"}. */
    String expectation(double threshold, double high) {
        return isRange() ? symbol + " [" + number(threshold) + ", " + number(high) + "]" : symbol + " " + number(threshold);
    }

    static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
