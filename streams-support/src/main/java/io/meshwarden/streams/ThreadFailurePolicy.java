package io.meshwarden.streams;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;

/**
 * What a stream thread's uncaught exception does: the thread is replaced (it resumes from the last
 * committed offsets) for up to {@code maxReplacements} failures within {@code window}; the next
 * failure within the window shuts the client down, so the application goes to ERROR, health goes
 * DOWN and the orchestrator restarts the process. Bad records never get here (they are routed to
 * the dead-letter topic); what does is a bug or an infrastructure fault, which a fresh thread often
 * gets past once, but which, repeating, would otherwise replace threads forever while the
 * application looks healthy. Reads only its clock; thread-safe.
 */
public final class ThreadFailurePolicy implements StreamsUncaughtExceptionHandler {
    public static final int DEFAULT_MAX_REPLACEMENTS = 3;
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(10);

    private final int maxReplacements;
    private final long windowMs;
    private final LongSupplier clockMs;
    private final Deque<Long> replacements = new ArrayDeque<>();

    /** Three replacements within ten minutes. */
    public ThreadFailurePolicy() {
        this(DEFAULT_MAX_REPLACEMENTS, DEFAULT_WINDOW);
    }

    public ThreadFailurePolicy(int maxReplacements, Duration window) {
        this(maxReplacements, window, System::currentTimeMillis);
    }

    ThreadFailurePolicy(int maxReplacements, Duration window, LongSupplier clockMs) {
        if (maxReplacements < 0 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("replacements must not be negative and the window must be positive: "
                    + maxReplacements + " in " + window);
        }
        this.maxReplacements = maxReplacements;
        this.windowMs = window.toMillis();
        this.clockMs = clockMs;
    }

    @Override
    public synchronized StreamThreadExceptionResponse handle(Throwable exception) {
        long now = clockMs.getAsLong();
        while (!replacements.isEmpty() && replacements.peekFirst() <= now - windowMs) {
            replacements.removeFirst();
        }
        if (replacements.size() >= maxReplacements) {
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        replacements.addLast(now);
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    @Override
    public String toString() {
        return "replace a failed stream thread up to " + maxReplacements + " times in " + Duration.ofMillis(windowMs)
                + ", then shut the client down";
    }
}
