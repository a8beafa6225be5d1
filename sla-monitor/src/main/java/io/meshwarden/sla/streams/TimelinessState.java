package io.meshwarden.sla.streams;

import io.meshwarden.sla.timeliness.LatencyHistogram;
import io.meshwarden.sla.timeliness.TimeMeasure;
import java.util.Set;

/**
 * What {@link TimelinessTracker} keeps per product in {@link SlaStores#TIMELINESS}: its domain, the
 * rolling histograms of its time to detect and time to notify, and which of the two objectives are
 * breached now (so that only a change becomes an alert input). Bounded by
 * {@link LatencyHistogram}: at most 2 x 24 slots x 125 buckets, a few dozen bytes while samples are few.
 */
public record TimelinessState(String domain, LatencyHistogram timeToDetect, LatencyHistogram timeToNotify,
                              Set<TimeMeasure> breached) {
    public TimelinessState {
        breached = breached.isEmpty() ? Set.of() : Set.copyOf(breached);
    }

    static TimelinessState initial(String domain) {
        return new TimelinessState(domain, LatencyHistogram.empty(), LatencyHistogram.empty(), Set.of());
    }

    public LatencyHistogram histogram(TimeMeasure measure) {
        return measure == TimeMeasure.DETECT ? timeToDetect : timeToNotify;
    }

    TimelinessState with(TimeMeasure measure, LatencyHistogram histogram) {
        return measure == TimeMeasure.DETECT ? new TimelinessState(domain, histogram, timeToNotify, breached)
                : new TimelinessState(domain, timeToDetect, histogram, breached);
    }

    TimelinessState withBreached(Set<TimeMeasure> nowBreached) {
        return new TimelinessState(domain, timeToDetect, timeToNotify, nowBreached);
    }

    /** Both histograms without what left the window ending {@code now}. */
    TimelinessState forgetBefore(long now) {
        return new TimelinessState(domain, timeToDetect.forgetBefore(now), timeToNotify.forgetBefore(now), breached);
    }

    /** Nothing to remember: no sample in the window, no objective breached; the same as no entry. */
    boolean forgettable() {
        return timeToDetect.isEmpty() && timeToNotify.isEmpty() && breached.isEmpty();
    }
}
