package io.meshwarden.sla.streams;

import io.meshwarden.avro.Alert;
import io.meshwarden.avro.AlertCommand;
import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.sla.alerts.AlertIds;
import io.meshwarden.sla.alerts.AlertLifecycle;
import io.meshwarden.sla.alerts.AlertLifecycle.Outcome;
import io.meshwarden.sla.alerts.AlertTrack;
import io.meshwarden.sla.alerts.SlaPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link AlertLifecycle} over the state stores: one alert per (product, rule), changed by
 * violations, by operator commands, and by a wall-clock punctuation (escalation, snooze expiry,
 * flapping that has settled). Everything arrives keyed by product id, so one product's alerts, its
 * contract and its commands are in the same task.
 *
 * <p>Reads violations and commands (as {@link SpecificRecord}), {@link SlaStores#CATALOG} for the
 * owning team and steward. Writes {@link SlaStores#ALERTS} and {@link SlaStores#ALERT_TRACKS}, and
 * forwards each transition, keyed by alert id, for the alert topic. A second wall-clock schedule
 * drops what has been resolved for longer than the retention ({@link AlertLifecycle#expired}).
 * Being where a breach becomes an alert, it measures the time to detect and to notify
 * ({@link TimelinessTracker}, {@link SlaStores#TIMELINESS}, re-judged every {@link #TIMELINESS_CHECK})
 * and runs the signals of those objectives through the lifecycle like any breach. The time to
 * notify ends when the alert is forwarded; under exactly-once it reaches readers at the next commit.
 * Violations of rejected contract changes pass the lifecycle only as {@link SlaPolicy#rejectedChanges} says.
 */
final class AlertProcessor implements Processor<String, SpecificRecord, String, Alert> {
    private static final Logger LOG = LoggerFactory.getLogger(AlertProcessor.class);
    /** How often samples that left the timeliness window are dropped and the objectives re-judged. */
    static final Duration TIMELINESS_CHECK = Duration.ofMinutes(1);

    private final SlaPolicy policy;
    private final AlertLifecycle lifecycle;
    private ProcessorContext<String, Alert> context;
    private KeyValueStore<String, Alert> alerts;
    private KeyValueStore<String, AlertTrack> tracks;
    private CatalogLookup catalog;
    private TimelinessTracker timeliness;

    AlertProcessor(SlaPolicy policy) {
        this.policy = policy;
        this.lifecycle = new AlertLifecycle(policy);
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
        this.alerts = context.getStateStore(SlaStores.ALERTS);
        this.tracks = context.getStateStore(SlaStores.ALERT_TRACKS);
        this.catalog = new CatalogLookup(context);
        this.timeliness = new TimelinessTracker(context, catalog);
        context.schedule(policy.punctuateInterval(), PunctuationType.WALL_CLOCK_TIME, this::tick);
        context.schedule(TIMELINESS_CHECK, PunctuationType.WALL_CLOCK_TIME,
                wallClock -> timeliness.evaluate(wallClock).forEach(signal -> alert(signal, Instant.ofEpochMilli(wallClock))));
        context.schedule(policy.retentionCheckInterval(), PunctuationType.WALL_CLOCK_TIME, this::purge);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        if (record.value() instanceof Violation violation) {
            if (!policy.rejectedChanges().alerts(violation)) {
                return; // feedback to a rejected change's publisher (kept in the violations store), not an incident
            }
            boolean alerted = alert(violation, now);
            timeliness.observed(violation, alerted, now.toEpochMilli()).forEach(signal -> alert(signal, now));
        } else if (record.value() instanceof AlertCommand command) {
            Alert alert = alerts.get(command.getAlertId());
            if (!AlertLifecycle.active(alert)) {
                // The API refuses these; one can still race with a recovery. Acting on it is a no-op.
                LOG.warn("Ignoring {} of alert {} by {}: the alert is {}", command.getAction(), command.getAlertId(),
                        command.getActor(), alert == null ? "unknown" : alert.getState());
                return;
            }
            AlertTrack track = tracks.get(command.getAlertId());
            apply(command.getAlertId(), alert, track, lifecycle.command(alert, orInitial(track), command, now), now);
        } else {
            throw new IllegalArgumentException("the alert lifecycle takes violations and commands, not "
                    + record.value().getClass().getName());
        }
    }

    /** Runs a breach or recovery through the lifecycle; true when a breach opened an alert (it was notified). */
    private boolean alert(Violation violation, Instant now) {
        String alertId = AlertIds.of(violation.getProductId(), violation.getRuleId());
        Alert alert = alerts.get(alertId);
        AlertTrack stored = tracks.get(alertId);
        AlertTrack track = orInitial(stored);
        boolean breach = violation.getStatus() == ViolationStatus.BREACH;
        // Only an alert that opens takes its owner and steward from the contract: a repeated breach reads no catalog.
        Outcome outcome = breach
                ? lifecycle.breach(alert, track, violation,
                        AlertLifecycle.active(alert) ? null : catalog.contract(violation.getProductId()), now)
                : lifecycle.recovery(alert, track, violation, now);
        apply(alertId, alert, stored, outcome, now);
        return breach && outcome.emit();
    }

    private void tick(long wallClock) {
        Instant now = Instant.ofEpochMilli(wallClock);
        List<Runnable> changes = new ArrayList<>();
        try (KeyValueIterator<String, Alert> all = alerts.all()) {
            all.forEachRemaining(entry -> {
                if (AlertLifecycle.active(entry.value)) {
                    AlertTrack track = tracks.get(entry.key);
                    Outcome outcome = lifecycle.tick(entry.value, orInitial(track), now);
                    if (outcome.emit()) {
                        changes.add(() -> apply(entry.key, entry.value, track, outcome, now));
                    }
                }
            });
        }
        changes.forEach(Runnable::run);
    }

    /**
     * Drops alerts resolved for longer than the retention, with their tracks, and tracks that never
     * had an alert (a recovery of an unknown alert) once their recoveries are that old. Every alert
     * has a track ({@link #apply} writes both), so one scan of the tracks finds them all.
     */
    private void purge(long wallClock) {
        Instant now = Instant.ofEpochMilli(wallClock);
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, AlertTrack> all = tracks.all()) {
            all.forEachRemaining(entry -> {
                if (lifecycle.expired(alerts.get(entry.key), entry.value, now)) {
                    expired.add(entry.key);
                }
            });
        }
        expired.forEach(alertId -> {
            alerts.delete(alertId);
            tracks.delete(alertId);
        });
    }

    private static AlertTrack orInitial(AlertTrack track) {
        return track == null ? AlertTrack.initial() : track;
    }

    /**
     * Stores what the outcome changed, against what was read ({@code alert}, {@code track}, either null
     * when absent): each write is a changelog record, and most inputs of a flood (a repeated breach)
     * change the alert's count but not its track.
     */
    private void apply(String alertId, Alert alert, AlertTrack track, Outcome outcome, Instant now) {
        if (outcome.alert() != null && outcome.alert() != alert) {
            alerts.put(alertId, outcome.alert());
        }
        if (!outcome.track().equals(track)) {
            tracks.put(alertId, outcome.track());
        }
        if (outcome.emit()) {
            context.forward(new Record<>(alertId, outcome.alert(), now.toEpochMilli()));
        }
    }
}
