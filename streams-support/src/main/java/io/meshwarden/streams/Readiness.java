package io.meshwarden.streams;

import java.util.EnumSet;
import java.util.Set;
import org.apache.kafka.streams.KafkaStreams;

/**
 * What an orchestrator asks of a Streams application, in two questions. Alive: the client has not
 * given up (not ERROR, not shutting down or shut down), so restarting the process would not help
 * yet. Ready: RUNNING with no store being restored, so its stores answer for every partition it
 * owns; while it rebalances or restores, traffic should go to another instance.
 *
 * @param restoringPartitions changelog partitions being restored now
 */
public record Readiness(KafkaStreams.State state, int restoringPartitions) {
    private static final Set<KafkaStreams.State> DEAD = EnumSet.of(KafkaStreams.State.PENDING_ERROR,
            KafkaStreams.State.ERROR, KafkaStreams.State.PENDING_SHUTDOWN, KafkaStreams.State.NOT_RUNNING);

    public boolean alive() {
        return !DEAD.contains(state);
    }

    public boolean ready() {
        return state == KafkaStreams.State.RUNNING && restoringPartitions == 0;
    }
}
