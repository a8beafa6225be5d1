package io.meshwarden.sla.alerts;

import io.meshwarden.avro.Alert;
import io.meshwarden.avro.AlertCommand;
import io.meshwarden.avro.AlertState;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.Violation;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * The alert state machine, pure: given the stored alert and its track, an input (breach, recovery,
 * operator command, or a wall-clock tick) yields the next alert and track, and whether the change is
 * an event for the alert topic. Only transitions are events: a repeated breach updates the
 * occurrence count and last-seen time in the store and emits nothing.
 *
 * <pre>
 * (none|RESOLVED) --breach--> OPEN --ack--> ACKNOWLEDGED      any active --recovery--> RESOLVED
 * OPEN --unacknowledged for escalateAfter(severity)--> ESCALATED    any active --resolve--> RESOLVED
 * active --snooze--> SNOOZED --until passed, still breaching--> OPEN
 * recovery that makes more than flapCycles cycles within flapWindow --> FLAPPING (held, no events)
 * FLAPPING --recovered for a whole flapWindow--> RESOLVED
 * </pre>
 */
public final class AlertLifecycle {
    public static final Set<AlertState> ACTIVE = EnumSet.complementOf(EnumSet.of(AlertState.RESOLVED));

    /** The next alert and track; {@code emit} when the alert changed state (an event for the alert topic). */
    public record Outcome(Alert alert, AlertTrack track, boolean emit) {
    }

    private final SlaPolicy policy;

    public AlertLifecycle(SlaPolicy policy) {
        this.policy = policy;
    }

    public static boolean active(Alert alert) {
        return alert != null && ACTIVE.contains(alert.getState());
    }

    public Outcome breach(Alert alert, AlertTrack track, Violation breach, DataProductContract contract, Instant now) {
        AlertTrack breaching = track.breaching(true);
        if (active(alert)) {
            Alert repeated = Alert.newBuilder(alert).setOccurrences(alert.getOccurrences() + 1)
                    .setLastSeen(later(alert.getLastSeen(), breach.getDetectedAt())).setMessage(breach.getMessage()).build();
            return new Outcome(repeated, breaching, false);
        }
        Alert opened = Alert.newBuilder()
                .setAlertId(AlertIds.of(breach.getProductId(), breach.getRuleId()))
                .setProductId(breach.getProductId()).setDomain(breach.getDomain()).setSlaKind(breach.getRuleId())
                .setState(AlertState.OPEN).setTransition("opened").setSeverity(breach.getSeverity()).setOccurrences(1)
                .setFirstSeen(breach.getDetectedAt()).setLastSeen(breach.getDetectedAt()).setMessage(breach.getMessage())
                .setOwnerTeam(contract == null ? null : contract.getOwner().getTeam())
                .setSteward(contract == null ? null : contract.getOwner().getSteward())
                .setRunbookUrl(policy.runbookUrl(breach.getRuleId()))
                .setAcknowledgedBy(null).setSnoozedUntil(null).setChangedAt(now).build();
        return new Outcome(opened, breaching, true);
    }

    public Outcome recovery(Alert alert, AlertTrack track, Violation recovery, Instant now) {
        long at = recovery.getDetectedAt().toEpochMilli();
        AlertTrack recovered = track.breaching()
                ? track.recovered(at, at - policy.flapWindow().toMillis())
                : track.breaching(false);
        if (!active(alert) || alert.getState() == AlertState.FLAPPING) {
            return new Outcome(alert, recovered, false);
        }
        if (recovered.recoveries().size() > policy.flapCycles()) {
            return transition(alert, recovered, AlertState.FLAPPING, "flapping", now);
        }
        return transition(alert, recovered, AlertState.RESOLVED, "auto-resolved", now);
    }

    public Outcome command(Alert alert, AlertTrack track, AlertCommand command, Instant now) {
        if (!active(alert)) {
            return new Outcome(alert, track, false);
        }
        Alert.Builder next = Alert.newBuilder(alert).setAcknowledgedBy(command.getActor()).setChangedAt(now);
        switch (command.getAction()) {
            case ACKNOWLEDGE -> {
                if (alert.getState() == AlertState.ACKNOWLEDGED) {
                    return new Outcome(alert, track, false);
                }
                // A flapping alert stays held as flapping; the acknowledgement is recorded on it.
                next.setState(alert.getState() == AlertState.FLAPPING ? AlertState.FLAPPING : AlertState.ACKNOWLEDGED);
                next.setTransition("acknowledged").setSnoozedUntil(null);
            }
            case RESOLVE -> next.setState(AlertState.RESOLVED).setTransition("resolved").setSnoozedUntil(null);
            case SNOOZE -> {
                if (command.getSnoozeUntil() == null || !command.getSnoozeUntil().isAfter(now)) {
                    return new Outcome(alert, track, false);
                }
                next.setState(AlertState.SNOOZED).setTransition("snoozed").setSnoozedUntil(command.getSnoozeUntil());
            }
            default -> throw new IllegalArgumentException("unknown action " + command.getAction());
        }
        return new Outcome(next.build(), track, true);
    }

    /** Wall-clock checks: escalation, snooze expiry, flapping that has become stable. */
    public Outcome tick(Alert alert, AlertTrack track, Instant now) {
        if (!active(alert)) {
            return new Outcome(alert, track, false);
        }
        return switch (alert.getState()) {
            case OPEN -> now.isBefore(alert.getChangedAt().plus(policy.escalateAfter(alert.getSeverity())))
                    ? new Outcome(alert, track, false)
                    : transition(alert, track, AlertState.ESCALATED, "escalated", now);
            case SNOOZED -> now.isBefore(alert.getSnoozedUntil())
                    ? new Outcome(alert, track, false)
                    : transition(alert, track, track.breaching() ? AlertState.OPEN : AlertState.RESOLVED,
                    "snooze-expired", now);
            case FLAPPING -> stable(track, now)
                    ? transition(alert, AlertTrack.initial(), AlertState.RESOLVED, "stabilized", now)
                    : new Outcome(alert, track, false);
            default -> new Outcome(alert, track, false);
        };
    }

    /**
     * Whether an alert and its track may leave the stores: the alert is resolved (or there is none,
     * only a track) and has been for longer than the retention, and no recovery is recent enough to
     * count toward flapping or the retention. Forgetting it then changes nothing a later input does:
     * a breach opens a new alert either way.
     */
    public boolean expired(Alert alert, AlertTrack track, Instant now) {
        if (active(alert) || alert != null && alert.getChangedAt().isAfter(now.minus(policy.retention()))) {
            return false;
        }
        Long last = track == null ? null : track.lastRecovery();
        return last == null || last <= now.minus(policy.recoveryMemory()).toEpochMilli();
    }

    private boolean stable(AlertTrack track, Instant now) {
        Long last = track.lastRecovery();
        return !track.breaching() && (last == null || now.toEpochMilli() - last >= policy.flapWindow().toMillis());
    }

    private static Outcome transition(Alert alert, AlertTrack track, AlertState state, String transition, Instant at) {
        Alert next = Alert.newBuilder(alert).setState(state).setTransition(transition).setChangedAt(at)
                .setSnoozedUntil(state == AlertState.SNOOZED ? alert.getSnoozedUntil() : null).build();
        return new Outcome(next, track, true);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
