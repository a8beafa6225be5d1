package io.meshwarden.sla.alerts;

import java.util.List;
import java.util.stream.Stream;

/**
 * What the lifecycle keeps per alert beside the alert itself: whether the condition is breaching
 * now (a flapping or snoozed alert is not resolved by state alone), and when it last recovered,
 * within the flap window, to count breach/recover cycles.
 *
 * @param recoveries epoch milliseconds of recent recoveries, oldest first
 */
public record AlertTrack(boolean breaching, List<Long> recoveries) {
    public AlertTrack {
        recoveries = List.copyOf(recoveries);
    }

    public static AlertTrack initial() {
        return new AlertTrack(false, List.of());
    }

    AlertTrack breaching(boolean now) {
        return new AlertTrack(now, recoveries);
    }

    /** Adds a recovery at {@code at} and forgets those older than {@code since}. */
    AlertTrack recovered(long at, long since) {
        List<Long> recent = Stream.concat(recoveries.stream(), Stream.of(at))
                .filter(time -> time >= since).toList();
        return new AlertTrack(false, recent);
    }

    Long lastRecovery() {
        return recoveries.isEmpty() ? null : recoveries.get(recoveries.size() - 1);
    }
}
