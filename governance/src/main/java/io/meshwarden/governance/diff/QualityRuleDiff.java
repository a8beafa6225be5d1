package io.meshwarden.governance.diff;

import io.meshwarden.avro.QualityRule;
import io.meshwarden.governance.diff.Change.Element;
import io.meshwarden.governance.diff.Change.Part;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Compares the quality rules of two contract versions. A rule is the same rule in both when it
 * checks the same metric on the same field (the n-th such rule matches the n-th), wherever it
 * stands in the document. A rule that now accepts data the previous one rejected, or that cannot
 * be shown not to (another operator, unit or pattern), is weakened; a rule that only narrows what
 * it accepts is tightened; a rule changed only in its description, dimension or severity is a patch.
 */
final class QualityRuleDiff {
    private enum Direction { SAME, STRICTER, LOOSER }

    private QualityRuleDiff() {
    }

    static void compare(List<QualityRule> previous, List<QualityRule> next, List<Change> changes) {
        Map<String, QualityRule> before = byIdentity(previous);
        Map<String, QualityRule> after = byIdentity(next);
        before.forEach((identity, rule) -> {
            QualityRule now = after.get(identity);
            if (now == null) {
                changes.add(new Change(ChangeKind.QUALITY_RULE_REMOVED, element(rule), "quality rule " + describe(rule) + " was removed"));
            } else {
                compare(rule, now, changes);
            }
        });
        after.forEach((identity, rule) -> {
            if (!before.containsKey(identity)) {
                changes.add(new Change(ChangeKind.QUALITY_RULE_ADDED, element(rule), "quality rule " + describe(rule) + " was added"));
            }
        });
    }

    private static void compare(QualityRule before, QualityRule after, List<Change> changes) {
        Direction direction = direction(before, after);
        String what = "quality rule " + describe(after);
        if (direction == Direction.LOOSER) {
            changes.add(new Change(ChangeKind.QUALITY_RULE_WEAKENED, element(after),
                    what + " was weakened: " + condition(before) + " became " + condition(after)));
        } else if (direction == Direction.STRICTER) {
            changes.add(new Change(ChangeKind.QUALITY_RULE_TIGHTENED, element(after),
                    what + " was tightened: " + condition(before) + " became " + condition(after)));
        } else if (!Objects.equals(before.getDefinition(), after.getDefinition())) {
            changes.add(new Change(ChangeKind.QUALITY_RULE_WEAKENED, element(after),
                    what + " changed its definition, which cannot be shown to accept no more than before"));
        } else if (!Objects.equals(before.getDescription(), after.getDescription())
                || !Objects.equals(before.getDimension(), after.getDimension())
                || !Objects.equals(before.getSeverity(), after.getSeverity())) {
            changes.add(new Change(ChangeKind.QUALITY_RULE_DOCUMENTATION_CHANGED, element(after),
                    what + " changed its description, dimension or severity"));
        }
    }

    /** How the set of accepted measurements moved from {@code before} to {@code after}. */
    private static Direction direction(QualityRule before, QualityRule after) {
        if (!Objects.equals(before.getOperator(), after.getOperator()) || before.getUnit() != after.getUnit()
                || !Objects.equals(before.getPattern(), after.getPattern())) {
            return Direction.LOOSER; // no common measure: consumers can no longer rely on the previous condition
        }
        Direction threshold = thresholdDirection(before, after);
        Direction values = valuesDirection(before, after);
        if (threshold == Direction.LOOSER || values == Direction.LOOSER) {
            return Direction.LOOSER;
        }
        return threshold == Direction.STRICTER || values == Direction.STRICTER ? Direction.STRICTER : Direction.SAME;
    }

    private static Direction thresholdDirection(QualityRule before, QualityRule after) {
        Double low = before.getThreshold();
        Double newLow = after.getThreshold();
        Double high = before.getThresholdHigh();
        Double newHigh = after.getThresholdHigh();
        if (Objects.equals(low, newLow) && Objects.equals(high, newHigh)) {
            return Direction.SAME;
        }
        String operator = Objects.requireNonNullElse(before.getOperator(), "");
        return switch (operator) {
            case "mustBeLessThan", "mustBeLessOrEqualTo" -> upperBound(low, newLow);
            case "mustBeGreaterThan", "mustBeGreaterOrEqualTo" -> upperBound(newLow, low);
            case "mustBeBetween" -> widened(low, high, newLow, newHigh);
            case "mustNotBeBetween" -> flip(widened(low, high, newLow, newHigh));
            default -> Direction.LOOSER; // mustBe / mustNotBe another value: neither contains the other
        };
    }

    /** For "at most {@code bound}": a higher bound accepts more. */
    private static Direction upperBound(Double bound, Double newBound) {
        if (bound == null || newBound == null) {
            return Direction.LOOSER;
        }
        return newBound > bound ? Direction.LOOSER : Direction.STRICTER;
    }

    /** For an accepted interval: one that contains the previous accepts more. */
    private static Direction widened(Double low, Double high, Double newLow, Double newHigh) {
        if (low == null || high == null || newLow == null || newHigh == null) {
            return Direction.LOOSER;
        }
        if (newLow <= low && newHigh >= high) {
            return Direction.LOOSER;
        }
        return newLow >= low && newHigh <= high ? Direction.STRICTER : Direction.LOOSER;
    }

    private static Direction flip(Direction direction) {
        return direction == Direction.LOOSER ? Direction.STRICTER : Direction.LOOSER;
    }

    /**
     * The listed values: valid values for {@code invalidValues} (more of them accept more), missing
     * values for {@code missingValues} (more of them count more rows as missing, so accept less).
     */
    private static Direction valuesDirection(QualityRule before, QualityRule after) {
        Set<String> old = new HashSet<>(before.getValues());
        Set<String> now = new HashSet<>(after.getValues());
        if (old.equals(now)) {
            return Direction.SAME;
        }
        boolean grew = now.containsAll(old);
        boolean shrank = old.containsAll(now);
        if (!grew && !shrank) {
            return Direction.LOOSER;
        }
        boolean validList = !"missingValues".equals(before.getMetric());
        return grew == validList ? Direction.LOOSER : Direction.STRICTER;
    }

    private static Map<String, QualityRule> byIdentity(List<QualityRule> rules) {
        Map<String, QualityRule> byIdentity = new LinkedHashMap<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (QualityRule rule : rules) {
            String key = rule.getMetric() + " on " + Objects.requireNonNullElse(rule.getField(), "the object");
            int occurrence = seen.merge(key, 1, Integer::sum);
            byIdentity.put(key + "#" + occurrence, rule);
        }
        return byIdentity;
    }

    private static Element element(QualityRule rule) {
        return new Element(Part.QUALITY_RULE, rule.getPath());
    }

    private static String describe(QualityRule rule) {
        return rule.getPath() + " (" + rule.getMetric() + " on " + (rule.getField() == null ? "the object" : "'" + rule.getField() + "'") + ")";
    }

    private static String condition(QualityRule rule) {
        List<String> parts = new ArrayList<>();
        parts.add(rule.getOperator() == null ? "no operator" : rule.getOperator());
        if (rule.getThreshold() != null) {
            parts.add(rule.getThresholdHigh() == null ? String.valueOf(rule.getThreshold())
                    : "[" + rule.getThreshold() + ", " + rule.getThresholdHigh() + "]");
        }
        parts.add(rule.getUnit().name().toLowerCase(java.util.Locale.ROOT));
        if (!rule.getValues().isEmpty()) {
            parts.add("values " + rule.getValues());
        }
        if (rule.getPattern() != null) {
            parts.add("pattern " + rule.getPattern());
        }
        return String.join(" ", parts);
    }
}
