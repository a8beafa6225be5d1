package io.meshwarden.bench.anomaly;

/**
 * A labelled span of one synthetic product history: an injected incident a detector should flag, or a
 * pattern (weekend, holiday, month-end peak) it should not.
 *
 * @param start     first step (inclusive)
 * @param end       last step (exclusive)
 * @param magnitude relative size: 0.3 is a 30 % drop or rise, 1.0 a stall; for a null burst the burst's null rate
 */
record Incident(Kind kind, int start, int end, double magnitude) {

    enum Kind {
        DROP, SPIKE, NULL_BURST, DRIFT, STALL,
        /** Non-incidents: flagging one is a false alarm. */
        HOLIDAY, MONTH_END;

        boolean incident() {
            return this != HOLIDAY && this != MONTH_END;
        }

        boolean onNullRate() {
            return this == NULL_BURST;
        }
    }

    boolean covers(int step, int grace) {
        return step >= start && step < end + grace;
    }
}
