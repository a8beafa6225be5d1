package io.meshwarden.bench.fault;

import java.util.List;
import java.util.Map;

/**
 * The output pause around one fault, from the arrival times of the committed decisions and alerts:
 * from the fault to the next decision (and alert) committed after it, the longest gap between
 * committed decisions (and alerts) from the fault to the end of its window (the next fault, or the
 * end of the load), and from the fault until every change sent before it was decided.
 */
record Pause(String fault, long atMs, long nextDecisionMs, long longestDecisionGapMs, long priorDecidedMs,
             long nextAlertMs, long longestAlertGapMs) {

    /**
     * @param start           {@link System#nanoTime()} the harness's clock starts at, for {@link #atMs}
     * @param decisionArrival arrival of each change's first decision, by change id
     * @param sentAt          when each change was sent, by change id
     */
    static Pause of(String fault, long start, long at, long windowEnd, List<Long> decisions, List<Long> alerts,
                    Map<String, Long> sentAt, Map<String, Long> decisionArrival) {
        long prior = 0;
        for (Map.Entry<String, Long> sent : sentAt.entrySet()) {
            if (sent.getValue() < at) {
                Long decided = decisionArrival.get(sent.getKey());
                prior = Math.max(prior, decided == null ? Long.MAX_VALUE : decided - at);
            }
        }
        return new Pause(fault, ms(at - start), next(decisions, at), longestGap(decisions, at, windowEnd),
                prior == Long.MAX_VALUE ? -1 : ms(Math.max(0, prior)), next(alerts, at), longestGap(alerts, at, windowEnd));
    }

    /** The longest gap between arrivals (sorted) within [from, to], counting from {@code from}; -1 if none arrived. */
    static long longestGap(List<Long> arrivals, long from, long to) {
        long previous = from;
        long longest = -1;
        for (long arrival : arrivals) {
            if (arrival < from) {
                continue;
            }
            if (arrival > to) {
                break;
            }
            longest = Math.max(longest, arrival - previous);
            previous = arrival;
        }
        return longest < 0 ? -1 : ms(longest);
    }

    private static long next(List<Long> arrivals, long at) {
        return arrivals.stream().filter(arrival -> arrival >= at).findFirst().map(arrival -> ms(arrival - at)).orElse(-1L);
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
