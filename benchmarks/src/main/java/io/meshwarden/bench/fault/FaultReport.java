package io.meshwarden.bench.fault;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a {@link FaultHarness} run found: the exact comparison, the pause after each fault, the longest
 * gap in decisions over the whole load, what the surviving SLA monitor answered during the other's
 * outage, and notes on anything that kept the run from being the one asked for.
 */
public record FaultReport(Comparison comparison, List<Pause> pauses, long longestDecisionGapMs, ApiProbe.Result probe,
                          boolean apiFailuresAllowed, List<String> notes, long seconds) {

    public FaultReport {
        pauses = List.copyOf(pauses);
        notes = List.copyOf(notes);
    }

    /** Every difference from the expectation; empty when the run matched exactly. */
    public List<String> mismatches() {
        List<String> found = new ArrayList<>(comparison.mismatches());
        if (probe == null) {
            found.add("the SLA monitor outage was not probed");
        } else if (!probe.tookOver()) {
            found.add("the surviving SLA monitor did not answer for every product by the end of the outage");
        } else if (!probe.answeredEveryProduct() && !apiFailuresAllowed) {
            found.add(probe.failed() + " answers of the surviving SLA monitor were not 200 during the outage"
                    + " (--api-failures-allowed accepts them once it answers for every product)");
        }
        found.addAll(notes);
        return found;
    }

    public long lost() {
        return comparison.lost();
    }

    public long duplicated() {
        return comparison.duplicated();
    }

    /** Alert ids whose OPEN events differ from their episodes in number. */
    public long alertIdsWithoutOneOpenPerEpisode() {
        return comparison.alertIdsWrong();
    }

    /** The longest time from a fault to the next committed decision. */
    public long longestPauseToNextDecisionMs() {
        return pauses.stream().mapToLong(Pause::nextDecisionMs).max().orElse(-1);
    }

    public List<Pause> faults() {
        return pauses;
    }

    void print(PrintStream out) {
        Comparison c = comparison;
        out.printf(Locale.ROOT, "%nFault harness: %d s in all%n", seconds);
        out.printf(Locale.ROOT, "| changes sent | in input topic | decisions | lost | duplicated | outcomes | violations | ids twice |"
                + " poison | dead letters | episodes | OPEN alerts | alert ids off |%n");
        out.printf(Locale.ROOT, "| %d | %d | %d | %d | %d | %s | %d | %d | %d | %d | %d | %d | %d |%n", c.sent(), c.inputRecords(),
                c.decisions(), c.lost(), c.duplicated(), c.outcomes(), c.violations(), c.duplicateViolationIds(), c.poison(),
                c.deadLetters(), c.episodes(), c.opened(), c.alertIdsWrong());
        out.printf(Locale.ROOT, "%n| fault | at s | next decision ms | longest decision gap ms | all sent before decided ms |"
                + " next alert ms | longest alert gap ms |%n");
        for (Pause p : pauses) {
            out.printf(Locale.ROOT, "| %s | %.1f | %d | %d | %d | %d | %d |%n", p.fault(), p.atMs() / 1000.0, p.nextDecisionMs(),
                    p.longestDecisionGapMs(), p.priorDecidedMs(), p.nextAlertMs(), p.longestAlertGapMs());
        }
        out.printf(Locale.ROOT, "%nLongest gap between committed decisions over the whole load: %d ms%n", longestDecisionGapMs);
        if (probe != null) {
            out.printf(Locale.ROOT, "Surviving SLA monitor during the outage: %d rounds over every product, %d complete, first complete"
                    + " %d ms after the kill, last round %s; %d failed answers (%d after the first complete round), from %d to %d ms"
                    + " after the kill%s%n", probe.rounds(), probe.completeRounds(), probe.firstCompleteMs(),
                    probe.lastRoundComplete() ? "complete" : "INCOMPLETE", probe.failed(), probe.failedAfterFirst(),
                    probe.failuresFromMs(), probe.failuresUntilMs(), probe.example().isEmpty() ? "" : "; e.g. " + probe.example());
        }
        c.examples().forEach(example -> out.println("  " + example));
        List<String> mismatches = mismatches();
        out.println(mismatches.isEmpty() ? "RESULT: every comparison matched exactly" : "RESULT: MISMATCH");
        mismatches.forEach(m -> out.println("  " + m));
    }
}
