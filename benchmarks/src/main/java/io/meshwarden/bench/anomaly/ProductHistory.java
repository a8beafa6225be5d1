package io.meshwarden.bench.anomaly;

import java.util.List;

/**
 * One synthetic product: hourly steps of records loaded and nulls in a required field, with its labels.
 *
 * @param firstStepMs epoch ms of step 0; step i starts at firstStepMs + i hours
 */
record ProductHistory(String id, boolean tiny, long firstStepMs, long[] records, long[] nulls, List<Incident> labels) {
    static final long STEP_MS = 3_600_000L;

    long stepMs(int step) {
        return firstStepMs + step * STEP_MS;
    }

    int steps() {
        return records.length;
    }
}
