package io.meshwarden.quality.anomaly;

/**
 * One step of one metric, judged: what was expected, the band outside which it is flagged, how far out it
 * was in standard deviations, and what changed (an anomaly opened, or recovered). The next baseline is
 * what the store keeps.
 *
 * @param verdict   what the step was
 * @param transition OPENED when this step opened an anomaly, RECOVERED when it closed one, NONE otherwise
 */
public record Judgement(Verdict verdict, Transition transition, double observed, double expected, double low,
                        double high, double score, Baseline next) {

    /** What a step was. */
    public enum Verdict {
        /** Too little history yet: learned from, never flagged. */
        WARMING_UP,
        /** In a maintenance window: neither learned from nor flagged. */
        MAINTENANCE,
        /** Inside the band: learned from. */
        NORMAL,
        /** Outside the band (or a shift sustained over steps): not learned from. */
        ANOMALOUS
    }

    /** What the step changed. */
    public enum Transition {
        NONE, OPENED, RECOVERED
    }
}
