package io.meshwarden.bench.anomaly;

import java.util.List;

/**
 * One synthetic product: hourly steps of records loaded and nulls in a required field, with its labels.
 *
 * @param firstStepMs epoch ms of step 0; step i starts at firstStepMs + i hours
 * @param truth       what the generator drew the steps from, which no detector sees: for the {@link Oracle}
 */
record ProductHistory(String id, boolean tiny, long firstStepMs, long[] records, long[] nulls, List<Incident> labels,
                      Truth truth) {

    /**
     * The generator's model of a product without incidents.
     *
     * @param expected  per step, the expected record count (season, trend, calendar; no incident)
     * @param noise     the relative noise of the source (records vary by {@code noise * expected} on top of counting noise)
     * @param nullRate  the null rate of the required field
     */
    record Truth(double[] expected, double noise, double nullRate) {
    }

    static final long STEP_MS = 3_600_000L;

    long stepMs(int step) {
        return firstStepMs + step * STEP_MS;
    }

    int steps() {
        return records.length;
    }
}
