package io.meshwarden.streams;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ReadinessTest {

    @Test
    void readyOnlyWhenRunningWithNothingToRestore() {
        assertThat(new Readiness(State.RUNNING, 0).ready()).isTrue();
        assertThat(new Readiness(State.RUNNING, 2).ready()).isFalse();
        assertThat(new Readiness(State.REBALANCING, 0).ready()).isFalse();
        assertThat(new Readiness(State.CREATED, 0).ready()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = State.class, names = {"CREATED", "REBALANCING", "RUNNING"})
    void aliveWhileStartingRebalancingOrRunning(State state) {
        assertThat(new Readiness(state, 0).alive()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = State.class, names = {"PENDING_ERROR", "ERROR", "PENDING_SHUTDOWN", "NOT_RUNNING"})
    void deadOnceTheClientGaveUpOrStopped(State state) {
        assertThat(new Readiness(state, 0).alive()).isFalse();
        assertThat(new Readiness(state, 0).ready()).isFalse();
    }
}
