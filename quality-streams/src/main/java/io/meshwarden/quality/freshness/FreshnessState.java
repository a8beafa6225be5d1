package io.meshwarden.quality.freshness;

/**
 * What freshness knows of one product: the time of its newest record (null until it is first
 * fed), when it was registered, how old its newest record may get, and whether it is in breach.
 */
public record FreshnessState(Long newestRecordTime, long registeredAt, long maxAgeMs, boolean breached) {

    /** The wall-clock time after which the product is stale: a never-fed product counts from its registration. */
    public long deadline() {
        return (newestRecordTime == null ? registeredAt : newestRecordTime) + maxAgeMs;
    }

    public long ageAt(long now) {
        return now - (newestRecordTime == null ? registeredAt : newestRecordTime);
    }

    public boolean isOverdueAt(long now) {
        return now > deadline();
    }

    FreshnessState withNewest(long time) {
        return new FreshnessState(newestRecordTime == null ? time : Math.max(newestRecordTime, time), registeredAt, maxAgeMs,
                breached);
    }

    FreshnessState withMaxAge(long newMaxAgeMs) {
        return new FreshnessState(newestRecordTime, registeredAt, newMaxAgeMs, breached);
    }

    FreshnessState withBreached(boolean nowBreached) {
        return new FreshnessState(newestRecordTime, registeredAt, maxAgeMs, nowBreached);
    }
}
