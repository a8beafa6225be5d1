package io.meshwarden.bench.anomaly;

import io.meshwarden.bench.anomaly.Incident.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One detector's results over all histories: per labelled incident whether and how fast it was flagged;
 * every alarm (a run of flagged steps) outside the incidents is a false alarm, those on holidays and month
 * ends counted apart as well.
 */
final class Score {
    /** An alarm this many steps after an incident's end still belongs to it (the recovery trailing). */
    static final int GRACE = 3;

    private final String name;
    private int incidents;
    private int incidentsAtLeast30;
    private int detectedAtLeast30;
    private int regularAtLeast30;
    private int regularDetectedAtLeast30;
    private int drops50;
    private int drops50WithinOneStep;
    private int regularDrops50;
    private int regularDrops50WithinOneStep;
    private final List<Integer> delays = new ArrayList<>();
    private int trueAlarms;
    private int falseAlarms;
    private int calendarAlarms;
    private int tinyFalseAlarms;
    private final java.util.Map<String, int[]> byKind = new java.util.TreeMap<>();

    Score(String name) {
        this.name = name;
    }

    /**
     * @param volumeFlags  per step, whether the volume was flagged
     * @param nullFlags    per step, whether the null rate was flagged
     */
    void add(ProductHistory history, boolean[] volumeFlags, boolean[] nullFlags) {
        for (Incident label : history.labels()) {
            if (!label.kind().incident()) {
                continue;
            }
            boolean[] flags = label.kind().onNullRate() ? nullFlags : volumeFlags;
            int first = -1;
            for (int step = label.start(); step < Math.min(flags.length, label.end() + 1); step++) {
                if (flags[step]) {
                    first = step;
                    break;
                }
            }
            incidents++;
            int[] counts = byKind.computeIfAbsent(label.kind() + (history.tiny() ? " (tiny)" : ""), k -> new int[2]);
            counts[0]++;
            counts[1] += first >= 0 ? 1 : 0;
            if (label.magnitude() >= 0.3) {
                incidentsAtLeast30++;
                detectedAtLeast30 += first >= 0 ? 1 : 0;
                if (!history.tiny()) {
                    regularAtLeast30++;
                    regularDetectedAtLeast30 += first >= 0 ? 1 : 0;
                }
            }
            if ((label.kind() == Kind.DROP || label.kind() == Kind.STALL) && label.magnitude() >= 0.5) {
                drops50++;
                boolean withinOneStep = first >= 0 && first - label.start() <= 1;
                drops50WithinOneStep += withinOneStep ? 1 : 0;
                if (!history.tiny()) {
                    regularDrops50++;
                    regularDrops50WithinOneStep += withinOneStep ? 1 : 0;
                }
            }
            if (first >= 0) {
                delays.add(first - label.start());
            }
        }
        alarms(history, volumeFlags);
        alarms(history, nullFlags);
    }

    private void alarms(ProductHistory history, boolean[] flags) {
        for (int step = 0; step < flags.length; step++) {
            if (flags[step] && (step == 0 || !flags[step - 1])) {
                int at = step;
                boolean inIncident = history.labels().stream().anyMatch(l -> l.kind().incident() && l.covers(at, GRACE));
                boolean onCalendar = history.labels().stream().anyMatch(l -> !l.kind().incident() && l.covers(at, 0));
                if (inIncident) {
                    trueAlarms++;
                } else {
                    falseAlarms++;
                    calendarAlarms += onCalendar ? 1 : 0;
                    tinyFalseAlarms += history.tiny() ? 1 : 0;
                }
            }
        }
    }

    double recall30() {
        return detectedAtLeast30 / (double) Math.max(1, incidentsAtLeast30);
    }

    double regularRecall30() {
        return regularDetectedAtLeast30 / (double) Math.max(1, regularAtLeast30);
    }

    double precision() {
        return trueAlarms / (double) Math.max(1, trueAlarms + falseAlarms);
    }

    double drops50WithinOneStep() {
        return drops50WithinOneStep / (double) Math.max(1, drops50);
    }

    double regularDrops50WithinOneStep() {
        return regularDrops50WithinOneStep / (double) Math.max(1, regularDrops50);
    }

    double falseAlarmsPerProductWeek(int products, double weeks) {
        return falseAlarms / (products * weeks);
    }

    double medianDelay() {
        List<Integer> sorted = delays.stream().sorted().toList();
        return sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() / 2);
    }

    double meanDelay() {
        return delays.stream().mapToInt(Integer::intValue).average().orElse(Double.NaN);
    }

    String row(int products, double weeks) {
        return String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f | %.3f | %.3f | %.3f | %.1f / %.2f | %.3f | %d (%d on holiday or month end, %d tiny) |",
                name, incidents, recall30(), regularRecall30(), precision(), drops50WithinOneStep(), regularDrops50WithinOneStep(),
                medianDelay(), meanDelay(),
                falseAlarmsPerProductWeek(products, weeks), falseAlarms, calendarAlarms, tinyFalseAlarms);
    }

    /** Recall per kind of incident, tiny products apart. */
    String recallByKind() {
        StringBuilder out = new StringBuilder();
        byKind.forEach((kind, counts) -> out.append(String.format(Locale.ROOT, "%s %d/%d, ", kind, counts[1], counts[0])));
        return name + ": " + out;
    }

    static String header() {
        return "| detector | incidents | recall (>= 30 %) | recall, tiny products apart | precision | drops >= 50 % within one step"
                + " | the same, tiny products apart | delay median / mean (steps) | false alarms per product-week | false alarms |"
                + "\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---|";
    }
}
