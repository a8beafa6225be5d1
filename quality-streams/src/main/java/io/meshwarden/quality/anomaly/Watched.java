package io.meshwarden.quality.anomaly;

import io.meshwarden.quality.anomaly.Judgement.Verdict;

/**
 * What the anomaly store keeps per product and metric: the baseline to judge the next step against, and
 * the last step's judgement (for the snapshot's band).
 *
 * @param at the end of the last judged period, or the last load's time, epoch ms
 */
public record Watched(Baseline baseline, Verdict verdict, double observed, double expected, double low, double high,
                      long at) {

    static Watched of(Judgement judgement, long at) {
        return new Watched(judgement.next(), judgement.verdict(), judgement.observed(), judgement.expected(),
                judgement.low(), judgement.high(), at);
    }
}
