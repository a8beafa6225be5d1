package io.meshwarden.bench.fault;

import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Asks the surviving SLA monitor for every product, round after round, while the other instance is
 * down: {@code GET /api/products/{id}} must answer 200 for each, from the survivor itself or from
 * whatever it forwards to. Counts the rounds, the failed answers, and when the first round in
 * which every product answered ended.
 */
final class ApiProbe {

    /**
     * What the survivor answered during the outage.
     *
     * @param firstCompleteMs  from the kill to the end of the first round without a failure; -1 if none
     * @param failedAfterFirst failed answers in rounds after that first complete one
     * @param failuresFromMs   from the kill to the first failed answer; -1 if none failed
     * @param failuresUntilMs  from the kill to the last failed answer; -1 if none failed
     * @param lastRoundComplete whether the last round before the restart answered every product
     * @param example          one failed answer, for the report; empty if none failed
     */
    record Result(int rounds, int completeRounds, long firstCompleteMs, int failed, int failedAfterFirst, long failuresFromMs,
                  long failuresUntilMs, boolean lastRoundComplete, String example) {
        /** Every answer of every round was a 200. */
        boolean answeredEveryProduct() {
            return completeRounds > 0 && failed == 0;
        }

        /** Whatever failed, the survivor answered for every product by the end of the outage. */
        boolean tookOver() {
            return completeRounds > 0 && lastRoundComplete;
        }
    }

    private ApiProbe() {
    }

    /** Probes {@code url} for {@code productIds} from {@code killedAt} until {@code outageOver}. */
    static Result during(Mesh mesh, String url, List<String> productIds, long killedAt, BooleanSupplier outageOver) {
        int rounds = 0;
        int complete = 0;
        long firstCompleteMs = -1;
        int failed = 0;
        int failedAfterFirst = 0;
        long failuresFrom = -1;
        long failuresUntil = -1;
        boolean lastComplete = false;
        String example = "";
        while (!outageOver.getAsBoolean()) {
            int failedThisRound = 0;
            for (String id : productIds) {
                Mesh.Reply reply = mesh.get(url + "/api/products/" + id);
                if (reply.statusCode() != 200) {
                    failedThisRound++;
                    failuresUntil = (System.nanoTime() - killedAt) / 1_000_000;
                    failuresFrom = failuresFrom < 0 ? failuresUntil : failuresFrom;
                    if (example.isEmpty()) {
                        example = id + ": " + reply.statusCode() + " " + abbreviate(reply.body());
                    }
                }
            }
            rounds++;
            failed += failedThisRound;
            lastComplete = failedThisRound == 0;
            if (firstCompleteMs >= 0) {
                failedAfterFirst += failedThisRound;
            }
            if (failedThisRound == 0) {
                complete++;
                if (firstCompleteMs < 0) {
                    firstCompleteMs = (System.nanoTime() - killedAt) / 1_000_000;
                }
            }
        }
        return new Result(rounds, complete, firstCompleteMs, failed, failedAfterFirst, failuresFrom, failuresUntil, lastComplete,
                example);
    }

    private static String abbreviate(String body) {
        String line = body == null ? "" : body.replace('\n', ' ');
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
