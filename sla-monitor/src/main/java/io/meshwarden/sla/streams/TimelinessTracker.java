package io.meshwarden.sla.streams;

import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.schemas.violation.ViolationFactory;
import io.meshwarden.sla.timeliness.TimeMeasure;
import io.meshwarden.sla.timeliness.TimeObjective;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Measures, per product, the pipeline's own time to detect and time to notify ({@link TimeMeasure})
 * into {@link SlaStores#TIMELINESS}, and judges each rolling p99 against the contract's target
 * ({@code timeToDetectMs}, {@code timeToNotifyMs} of {@link SlaStores#CATALOG}). When a p99 goes over
 * its target it returns a synthetic violation ({@code sla.time-to-detect} or {@code sla.time-to-notify},
 * BREACH, observed p99 and target in ms), and a RECOVERY when it comes back under or its samples leave
 * the window; the alert lifecycle treats them like the burn-rate signals. The alerts of signals the
 * monitor raises itself are not measured ({@link TimeMeasure#raisedByTheMonitor}). Used by {@link AlertProcessor}, the one processor that sees both the breach and its alert.
 */
final class TimelinessTracker {
    private final KeyValueStore<String, TimelinessState> store;
    private final CatalogLookup catalog;

    TimelinessTracker(ProcessingContext context, CatalogLookup catalog) {
        this.store = context.getStateStore(SlaStores.TIMELINESS);
        this.catalog = catalog;
    }

    /**
     * A violation reached the alert lifecycle at {@code now}; {@code alerted} when it opened an alert.
     * Records what it measures (a breach naming its deadline: time to detect; an opened alert: time
     * to notify) and returns the objectives' signals that changed.
     */
    List<Violation> observed(Violation violation, boolean alerted, long now) {
        if (violation.getStatus() != ViolationStatus.BREACH || TimeMeasure.raisedByTheMonitor(violation.getRuleId())) {
            return List.of();
        }
        long detectedAt = violation.getDetectedAt().toEpochMilli();
        boolean detected = violation.getDeadline() != null;
        if (!detected && !alerted) {
            return List.of();
        }
        String productId = violation.getProductId();
        TimelinessState state = store.get(productId);
        if (state == null) {
            state = TimelinessState.initial(violation.getDomain());
        }
        if (detected) {
            state = state.with(TimeMeasure.DETECT,
                    state.timeToDetect().record(detectedAt - violation.getDeadline().toEpochMilli(), now));
        }
        if (alerted) {
            state = state.with(TimeMeasure.NOTIFY, state.timeToNotify().record(now - detectedAt, now));
        }
        List<Violation> signals = new ArrayList<>();
        store.put(productId, judge(productId, state, now, signals));
        return signals;
    }

    /** The wall-clock check: forgets samples that left the window and returns the signals of objectives that changed. */
    List<Violation> evaluate(long now) {
        List<KeyValue<String, TimelinessState>> changed = new ArrayList<>();
        List<Violation> signals = new ArrayList<>();
        try (KeyValueIterator<String, TimelinessState> all = store.all()) {
            all.forEachRemaining(entry -> {
                TimelinessState next = judge(entry.key, entry.value.forgetBefore(now), now, signals);
                if (!next.equals(entry.value)) {
                    changed.add(KeyValue.pair(entry.key, next.forgettable() ? null : next));
                }
            });
        }
        changed.forEach(entry -> {
            if (entry.value == null) {
                store.delete(entry.key);
            } else {
                store.put(entry.key, entry.value);
            }
        });
        return signals;
    }

    private TimelinessState judge(String productId, TimelinessState state, long now, List<Violation> signals) {
        Set<TimeMeasure> breached = EnumSet.noneOf(TimeMeasure.class);
        for (TimeMeasure measure : TimeMeasure.values()) {
            TimeObjective objective = TimeObjective.of(state.histogram(measure), measure.target(catalog.contract(productId)), now);
            if (objective.missed()) {
                breached.add(measure);
            }
            if (objective.missed() != state.breached().contains(measure)) {
                signals.add(signal(productId, state.domain(), measure, objective, now));
            }
        }
        return state.withBreached(breached);
    }

    private static Violation signal(String productId, String domain, TimeMeasure measure, TimeObjective objective,
                                    long now) {
        String message = objective.missed()
                ? String.format(Locale.ROOT, "%s: p99 %s is %d ms over the last %d samples, the contract promises at most %d ms",
                        productId, measure.description(), objective.p99Ms(), objective.samples(), objective.targetMs())
                : String.format(Locale.ROOT, "%s: p99 %s is back within the contract's %s", productId,
                        measure.description(), objective.targetMs() == null ? "(no longer set) target"
                                : objective.targetMs() + " ms");
        // Occasioned by the step at which the objective was first missed or met again, like the burn-rate signals.
        return ViolationFactory.violation(productId, domain, measure.rule(),
                        objective.missed() ? ViolationStatus.BREACH : ViolationStatus.RECOVERY, Long.toString(now),
                        Instant.ofEpochMilli(now))
                .setMessage(message)
                .setObservedValue(objective.p99Ms() == null ? null : objective.p99Ms().doubleValue())
                .setTargetValue(objective.targetMs() == null ? null : objective.targetMs().doubleValue())
                .build();
    }
}
