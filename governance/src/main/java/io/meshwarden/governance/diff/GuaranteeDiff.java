package io.meshwarden.governance.diff;

import io.meshwarden.avro.QualityGuarantees;
import io.meshwarden.governance.diff.Change.Element;
import io.meshwarden.governance.diff.Change.Part;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Compares the quality guarantees and the retention of two contract versions. Each guarantee
 * knows which way is stronger: a higher completeness or availability, a shorter freshness,
 * frequency, time to detect or time to notify, a smaller accuracy tolerance, a longer retention.
 * A guarantee that is dropped is weakened to none.
 */
final class GuaranteeDiff {
    private record Guarantee(String name, Function<QualityGuarantees, Number> value, boolean higherIsStronger, String unit,
                             String weakened, String strengthened) {
    }

    private static final List<Guarantee> GUARANTEES = List.of(
            new Guarantee("completeness", QualityGuarantees::getCompletenessPercent, true, "%", "lowered", "raised"),
            new Guarantee("availability", QualityGuarantees::getAvailabilityPercent, true, "%", "lowered", "raised"),
            new Guarantee("freshness", QualityGuarantees::getFreshnessMaxAgeMs, false, " ms", "weakened", "strengthened"),
            new Guarantee("accuracy", QualityGuarantees::getAccuracyTolerancePercent, false, "%", "loosened", "tightened"),
            new Guarantee("frequency", QualityGuarantees::getFrequencyMs, false, " ms", "weakened", "strengthened"),
            new Guarantee("timeToDetect", QualityGuarantees::getTimeToDetectMs, false, " ms", "weakened", "strengthened"),
            new Guarantee("timeToNotify", QualityGuarantees::getTimeToNotifyMs, false, " ms", "weakened", "strengthened"));

    private GuaranteeDiff() {
    }

    static void compare(QualityGuarantees previous, QualityGuarantees next, List<Change> changes) {
        QualityGuarantees before = previous == null ? new QualityGuarantees() : previous;
        QualityGuarantees now = next == null ? new QualityGuarantees() : next;
        for (Guarantee guarantee : GUARANTEES) {
            compare(guarantee, guarantee.value().apply(before), guarantee.value().apply(now), changes);
        }
        if (!Objects.equals(before.getWindowMs(), now.getWindowMs())) {
            changes.add(new Change(ChangeKind.GUARANTEE_CHANGED, new Element(Part.GUARANTEE, "window"),
                    "completeness window changed from " + ms(before.getWindowMs()) + " to " + ms(now.getWindowMs())));
        }
    }

    static void compareRetention(Long previous, Long next, List<Change> changes) {
        if (Objects.equals(previous, next)) {
            return;
        }
        Element retention = Element.of(Part.RETENTION);
        if (previous != null && (next == null || next < previous)) {
            changes.add(new Change(ChangeKind.RETENTION_SHORTENED, retention,
                    "retention was shortened from " + ms(previous) + " to " + ms(next)));
        } else {
            changes.add(new Change(ChangeKind.RETENTION_LENGTHENED, retention,
                    "retention was lengthened from " + ms(previous) + " to " + ms(next)));
        }
    }

    private static void compare(Guarantee guarantee, Number before, Number after, List<Change> changes) {
        if (Objects.equals(before, after)) {
            return;
        }
        Element element = new Element(Part.GUARANTEE, guarantee.name());
        String values = " from " + format(before, guarantee) + " to " + format(after, guarantee);
        if (before == null) {
            changes.add(new Change(ChangeKind.GUARANTEE_ADDED, element,
                    guarantee.name() + " guarantee was added: " + format(after, guarantee)));
        } else if (after == null || stronger(guarantee, before, after)) {
            changes.add(new Change(ChangeKind.GUARANTEE_WEAKENED, element,
                    guarantee.name() + " guarantee was " + guarantee.weakened() + values));
        } else {
            changes.add(new Change(ChangeKind.GUARANTEE_STRENGTHENED, element,
                    guarantee.name() + " guarantee was " + guarantee.strengthened() + values));
        }
    }

    /** Whether {@code first} promises more than {@code second}. */
    private static boolean stronger(Guarantee guarantee, Number first, Number second) {
        int order = Double.compare(first.doubleValue(), second.doubleValue());
        return guarantee.higherIsStronger() ? order > 0 : order < 0;
    }

    private static String format(Number value, Guarantee guarantee) {
        return value == null ? "none" : value + guarantee.unit();
    }

    private static String ms(Long value) {
        return value == null ? "none" : value + " ms";
    }
}
