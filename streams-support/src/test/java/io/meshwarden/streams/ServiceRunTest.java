package io.meshwarden.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.KafkaStreams.State;
import org.apache.kafka.streams.KafkaStreams.StateListener;
import org.junit.jupiter.api.Test;

class ServiceRunTest {
    private final AtomicInteger closes = new AtomicInteger();
    private final List<Thread> hooks = new ArrayList<>();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ServiceRun run = ServiceRun.forTest("lineage", closes::incrementAndGet, hooks::add,
            new PrintStream(err, true, StandardCharsets.UTF_8));

    @Test
    void anApplicationInErrorEndsTheRunWithOneAfterClosingEveryPart() throws InterruptedException {
        StateListener listener = run.stopOnError();
        listener.onChange(State.PENDING_ERROR, State.RUNNING);
        assertThat(run.ended()).as("PENDING_ERROR is not the end yet").isFalse();

        listener.onChange(State.ERROR, State.PENDING_ERROR);

        assertThat(run.awaitStop()).isEqualTo(1);
        assertThat(closes).hasValue(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("lineage: Kafka Streams stopped after repeated thread failures (see the log); exiting"
                        + System.lineSeparator());
    }

    @Test
    void theShutdownHookClosesEveryPartAndTheRunEndsWithZero() throws InterruptedException {
        assertThat(hooks).singleElement().extracting(Thread::getName).isEqualTo("lineage-shutdown");

        Thread hook = hooks.get(0);
        hook.start();
        hook.join();

        assertThat(run.awaitStop()).isZero();
        assertThat(closes).hasValue(1);
        assertThat(err.size()).as("nothing said on a clean stop").isZero();
    }

    @Test
    void statesOtherThanErrorLeaveTheRunGoing() {
        StateListener listener = run.stopOnError();
        for (State state : new State[] {State.REBALANCING, State.RUNNING, State.PENDING_SHUTDOWN, State.NOT_RUNNING}) {
            listener.onChange(state, State.CREATED);
        }
        assertThat(run.ended()).isFalse();
        assertThat(closes).hasValue(0);
    }
}
