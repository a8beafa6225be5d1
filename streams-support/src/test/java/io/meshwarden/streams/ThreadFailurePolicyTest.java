package io.meshwarden.streams;

import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ThreadFailurePolicyTest {
    private static final long MINUTE = 60_000;
    private static final RuntimeException FAILURE = new IllegalStateException("broken store");

    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final ThreadFailurePolicy policy = new ThreadFailurePolicy(3, Duration.ofMinutes(10), clock::get);

    @Test
    void replacesTheThreadThreeTimesWithinTheWindowThenShutsTheClientDown() {
        assertThat(policy.handle(FAILURE)).isEqualTo(REPLACE_THREAD);
        clock.addAndGet(MINUTE);
        assertThat(policy.handle(FAILURE)).isEqualTo(REPLACE_THREAD);
        clock.addAndGet(MINUTE);
        assertThat(policy.handle(FAILURE)).isEqualTo(REPLACE_THREAD);
        clock.addAndGet(MINUTE);

        assertThat(policy.handle(FAILURE)).isEqualTo(SHUTDOWN_CLIENT);
        assertThat(policy.handle(FAILURE)).isEqualTo(SHUTDOWN_CLIENT);
    }

    @Test
    void forgetsFailuresOlderThanTheWindow() {
        policy.handle(FAILURE);
        clock.addAndGet(MINUTE);
        policy.handle(FAILURE);
        policy.handle(FAILURE);
        // The first failure leaves the window exactly ten minutes after it happened.
        clock.addAndGet(9 * MINUTE - 1);
        assertThat(policy.handle(FAILURE)).isEqualTo(SHUTDOWN_CLIENT);
        clock.addAndGet(1);

        assertThat(policy.handle(FAILURE)).isEqualTo(REPLACE_THREAD);
        assertThat(policy.handle(FAILURE)).isEqualTo(SHUTDOWN_CLIENT);
    }

    @Test
    void aFailureEveryFewMinutesForeverIsReplacedEveryTime() {
        for (int i = 0; i < 20; i++) {
            assertThat(policy.handle(FAILURE)).isEqualTo(REPLACE_THREAD);
            clock.addAndGet(4 * MINUTE);
        }
    }

    @Test
    void withNoReplacementsAllowedTheFirstFailureShutsDown() {
        assertThat(new ThreadFailurePolicy(0, Duration.ofMinutes(10), clock::get).handle(FAILURE)).isEqualTo(SHUTDOWN_CLIENT);
    }

    @Test
    void defaultsToThreeInTenMinutes() {
        assertThat(new ThreadFailurePolicy()).hasToString(
                "replace a failed stream thread up to 3 times in PT10M, then shut the client down");
    }

    @Test
    void refusesAnEmptyWindowOrNegativeCount() {
        assertThatThrownBy(() -> new ThreadFailurePolicy(3, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ThreadFailurePolicy(-1, Duration.ofMinutes(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
