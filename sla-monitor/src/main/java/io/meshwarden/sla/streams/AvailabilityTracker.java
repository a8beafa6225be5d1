package io.meshwarden.sla.streams;

import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationCategory;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.schemas.violation.ViolationFactory;
import io.meshwarden.sla.budget.BurnRateRule;
import io.meshwarden.sla.budget.Downtime;
import io.meshwarden.sla.budget.ErrorBudget;
import io.meshwarden.sla.budget.SlaStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Tracks each product's freshness outages (from BREACH/RECOVERY violations of category FRESHNESS) in
 * {@link SlaStores#AVAILABILITY}, and on a wall-clock schedule evaluates the multi-window burn-rate
 * rules against the error budget of the product's contract ({@code availabilityPercent}). A
 * product without an outage in the last 30 days and no rule firing leaves the store: that is what
 * no entry means (up all along), so the store holds only the products that were down this month.
 *
 * <p>Reads violations keyed by product id, and {@link SlaStores#CATALOG}. Forwards every violation
 * unchanged, plus a synthetic AVAILABILITY violation ({@code burn-rate.fast}/{@code burn-rate.slow},
 * BREACH when a rule starts firing, RECOVERY when it stops), which the alert lifecycle treats like
 * any other.
 */
final class AvailabilityTracker implements Processor<String, Violation, String, Violation> {
    private final Duration interval;
    private final List<BurnRateRule> rules;
    private ProcessorContext<String, Violation> context;
    private KeyValueStore<String, AvailabilityState> store;
    private CatalogLookup catalog;

    AvailabilityTracker(Duration interval, List<BurnRateRule> rules) {
        this.interval = interval;
        this.rules = rules;
    }

    @Override
    public void init(ProcessorContext<String, Violation> context) {
        this.context = context;
        this.store = context.getStateStore(SlaStores.AVAILABILITY);
        this.catalog = new CatalogLookup(context);
        context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, this::evaluate);
    }

    @Override
    public void process(Record<String, Violation> record) {
        Violation violation = record.value();
        if (violation.getCategory() == ViolationCategory.FRESHNESS) {
            AvailabilityState stored = store.get(record.key());
            AvailabilityState state = stored == null ? AvailabilityState.initial(violation.getDomain()) : stored;
            long at = violation.getDetectedAt().toEpochMilli();
            Downtime downtime = violation.getStatus() == ViolationStatus.BREACH
                    ? state.downtime().breach(at) : state.downtime().recover(at);
            // A repeated breach of a product already down (or a recovery of one up) changes nothing: no write, no changelog record.
            if (stored == null || !downtime.equals(state.downtime())) {
                store.put(record.key(), new AvailabilityState(state.domain(), downtime, state.burning()));
            }
        }
        context.forward(record);
    }

    private void evaluate(long now) {
        List<KeyValue<String, AvailabilityState>> changed = new ArrayList<>();
        try (KeyValueIterator<String, AvailabilityState> all = store.all()) {
            all.forEachRemaining(entry -> {
                AvailabilityState next = evaluate(entry.key, entry.value, now);
                if (next.forgettable()) {
                    changed.add(KeyValue.pair(entry.key, null));
                } else if (!next.equals(entry.value)) {
                    changed.add(KeyValue.pair(entry.key, next));
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
    }

    private AvailabilityState evaluate(String productId, AvailabilityState state, long now) {
        Downtime downtime = state.downtime().forgetBefore(now - SlaStatus.MONTH.toMillis());
        Double target = catalog.availabilityTarget(productId);
        Set<String> burning = new HashSet<>();
        for (BurnRateRule rule : rules) {
            boolean fires = target != null && rule.fires(downtime, new ErrorBudget(target), now);
            if (fires) {
                burning.add(rule.ruleId());
            }
            if (fires != state.burning().contains(rule.ruleId())) {
                Violation signal = burnSignal(productId, state.domain(), rule, fires, downtime, target, now);
                context.forward(new Record<>(productId, signal, now));
            }
        }
        return new AvailabilityState(state.domain(), downtime, burning);
    }

    private static Violation burnSignal(String productId, String domain, BurnRateRule rule, boolean fires,
                                        Downtime downtime, Double target, long now) {
        long window = rule.longWindow().toMillis();
        double rate = target == null ? 0 : new ErrorBudget(target).burnRate(downtime.downMs(now - window, now), window);
        String message = fires
                ? String.format(Locale.ROOT, "Error budget burning %.1fx over %s (alerts at %.1fx over %s and %s)",
                        rate, rule.longWindow(), rule.factor(), rule.longWindow(), rule.shortWindow())
                : String.format(Locale.ROOT, "Error budget burn back below %.1fx over %s or %s",
                        rule.factor(), rule.longWindow(), rule.shortWindow());
        // Occasioned by the evaluation at which the rule started or stopped firing.
        return ViolationFactory.violation(productId, domain, rule.violationRule(), fires ? ViolationStatus.BREACH : ViolationStatus.RECOVERY, Long.toString(now),
                        Instant.ofEpochMilli(now))
                .setMessage(message).setObservedValue(rate).setTargetValue(rule.factor()).build();
    }
}
