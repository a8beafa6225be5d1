package {{package}};

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The contract's {@code api-rate-limit} ({@code <requests>/<second|minute|hour|day>}) as the
 * shortest pause between two requests; {@link #acquire()} waits until the next request is allowed.
 */
public final class RateLimit {
    private static final Pattern FORMAT = Pattern.compile("([0-9]+)/(second|minute|hour|day)");

    private final Duration interval;
    private long nextAllowedNanos = System.nanoTime();

    private RateLimit(Duration interval) {
        this.interval = interval;
    }

    public static RateLimit parse(String limit) {
        Matcher matcher = FORMAT.matcher(limit.strip().toLowerCase(Locale.ROOT));
        long requests = matcher.matches() ? Long.parseLong(matcher.group(1)) : 0;
        if (requests <= 0) {
            throw new IllegalArgumentException("api-rate-limit must read <requests>/<second|minute|hour|day> with at least"
                    + " one request, e.g. 15000/day");
        }
        Duration per = switch (matcher.group(2)) {
            case "second" -> Duration.ofSeconds(1);
            case "minute" -> Duration.ofMinutes(1);
            case "hour" -> Duration.ofHours(1);
            default -> Duration.ofDays(1);
        };
        return new RateLimit(per.dividedBy(requests));
    }

    public Duration interval() {
        return interval;
    }

    /** Blocks until one more request is within the limit, and counts it. */
    public synchronized void acquire() throws InterruptedException {
        long wait = nextAllowedNanos - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        nextAllowedNanos = Math.max(nextAllowedNanos, System.nanoTime()) + interval.toNanos();
    }
}
