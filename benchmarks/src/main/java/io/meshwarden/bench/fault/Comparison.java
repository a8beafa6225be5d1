package io.meshwarden.bench.fault;

import io.meshwarden.avro.AlertState;
import io.meshwarden.avro.Decision;
import io.meshwarden.avro.DecisionOutcome;
import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.bench.fault.Outputs.DeadLetterSeen;
import io.meshwarden.bench.fault.Outputs.Seen;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The exact comparison of what came out with what went in: one decision per change sent (none lost,
 * none twice, none for a change never sent, each ACCEPTED), the input topic holding each change once,
 * no violation id twice, every poison record dead-lettered once from the changes topic with the reason
 * its kind must get ({@code undecodable} text, {@code schema-mismatch} JSON) and nothing else dead-lettered, and exactly one {@code opened} alert per episode.
 * An episode of an alert id (product and rule) starts with a BREACH violation while the alert is not
 * breaching and ends with a RECOVERY, in the order of the violations topic's partition.
 */
record Comparison(int sent, int inputRecords, int inputLost, int inputDuplicated, int decisions, int lost,
                  int duplicated, int unexpected, Map<DecisionOutcome, Long> outcomes, int violations,
                  int duplicateViolationIds, int poison, int deadLetters, int poisonMissing, int otherDeadLetters,
                  int episodes, int opened, int alertIdsWrong, List<String> examples) {

    /** @param poison each poison record's value to the dead-letter reason it must get */
    static Comparison of(Set<String> sent, Map<String, String> poison, String changesTopic, Outputs outputs) {
        List<String> examples = new ArrayList<>();
        List<String> inputIds = outputs.inputChangeIds().stream().map(Seen::value).filter(id -> id != null).toList();
        Map<String, Long> inInput = count(inputIds, Function.identity());
        int inputLost = missing(sent, inInput.keySet(), "not in the input topic", examples);
        int inputDuplicated = twice(inInput, "twice in the input topic", examples);

        List<Decision> decisions = outputs.decisions().stream().map(Seen::value).toList();
        Map<String, Long> perChange = count(decisions, d -> d.getChangeId().toString());
        int lost = missing(sent, perChange.keySet(), "no decision", examples);
        int duplicated = twice(perChange, "decided more than once", examples);
        int unexpected = missing(perChange.keySet(), sent, "decided but never sent", examples);
        Map<DecisionOutcome, Long> outcomes = new TreeMap<>(count(decisions, Decision::getOutcome));
        decisions.stream().filter(d -> d.getOutcome() != DecisionOutcome.ACCEPTED).limit(3).forEach(d -> examples.add(
                d.getChangeId() + ": " + d.getOutcome() + " " + d.getViolations().stream()
                        .map(v -> v.getRuleId() + " " + v.getMessage()).toList()));

        List<Violation> violations = outputs.violations().stream().map(Seen::value).toList();
        int duplicateIds = twice(count(violations, v -> v.getViolationId().toString()), "violation id twice", examples);

        List<DeadLetterSeen> dead = outputs.deadLetters().stream().map(Seen::value).toList();
        Map<String, Long> poisonDead = count(dead.stream().filter(d -> poison.containsKey(d.value())).toList(), DeadLetterSeen::value);
        int poisonMissing = missing(poison.keySet(), poisonDead.keySet(), "poison not dead-lettered", examples);
        int poisonTwice = twice(poisonDead, "poison dead-lettered twice", examples);
        List<DeadLetterSeen> wrong = dead.stream().filter(d -> !poison.containsKey(d.value())
                || !poison.get(d.value()).equals(d.reason()) || !changesTopic.equals(d.sourceTopic())).toList();
        wrong.stream().limit(3).forEach(d -> examples.add("dead letter " + d.reason() + " from " + d.sourceTopic() + ": "
                + abbreviate(d.value())));

        Map<String, Integer> episodes = episodes(violations);
        Map<String, Long> opened = count(outputs.alerts().stream().map(Seen::value)
                .filter(a -> a.getState() == AlertState.OPEN && "opened".contentEquals(a.getTransition())).toList(),
                a -> a.getAlertId().toString());
        Set<String> alertIds = new HashSet<>(episodes.keySet());
        alertIds.addAll(opened.keySet());
        int wrongIds = 0;
        for (String id : alertIds) {
            long expected = episodes.getOrDefault(id, 0);
            long actual = opened.getOrDefault(id, 0L);
            if (expected != actual) {
                wrongIds++;
                if (examples.size() < 12) {
                    examples.add(id + ": " + actual + " OPEN for " + expected + " episodes");
                }
            }
        }
        return new Comparison(sent.size(), inputIds.size(), inputLost, inputDuplicated, decisions.size(), lost, duplicated,
                unexpected, outcomes, violations.size(), duplicateIds, poison.size(), dead.size(), poisonMissing,
                wrong.size() + poisonTwice, episodes.values().stream().mapToInt(Integer::intValue).sum(),
                (int) opened.values().stream().mapToLong(Long::longValue).sum(), wrongIds, List.copyOf(examples));
    }

    /** What differs from the expectation, one line each; empty when everything matched exactly. */
    List<String> mismatches() {
        List<String> found = new ArrayList<>();
        add(found, inputLost, "changes sent but not in the input topic");
        add(found, inputDuplicated, "changes twice in the input topic");
        add(found, lost, "changes without a decision (lost)");
        add(found, duplicated, "changes decided more than once (duplicated)");
        add(found, unexpected, "decisions of changes never sent");
        add(found, (int) (decisions - outcomes.getOrDefault(DecisionOutcome.ACCEPTED, 0L)), "decisions other than ACCEPTED");
        add(found, duplicateViolationIds, "violation ids seen more than once");
        add(found, poisonMissing, "poison records not dead-lettered");
        add(found, otherDeadLetters, "dead letters other than each poison record once with its reason");
        add(found, alertIdsWrong, "alert ids without exactly one OPEN per episode");
        if (episodes == 0) {
            found.add("no alert episode at all: the SLA monitor's side was not exercised");
        }
        return found;
    }

    private static void add(List<String> found, int count, String what) {
        if (count != 0) {
            found.add(count + " " + what);
        }
    }

    /** Episodes per alert id ({@code productId/ruleId}), from the violations in their partition's order. */
    static Map<String, Integer> episodes(List<Violation> violations) {
        Map<String, Integer> episodes = new HashMap<>();
        Map<String, Boolean> breaching = new HashMap<>();
        for (Violation violation : violations) {
            String id = violation.getProductId() + "/" + violation.getRuleId();
            boolean breach = violation.getStatus() == ViolationStatus.BREACH;
            if (breach && !breaching.getOrDefault(id, false)) {
                episodes.merge(id, 1, Integer::sum);
            }
            breaching.put(id, breach);
        }
        return episodes;
    }

    private static <T, K> Map<K, Long> count(List<T> items, Function<T, K> key) {
        return items.stream().collect(Collectors.groupingBy(key, HashMap::new, Collectors.counting()));
    }

    private static int missing(Set<String> expected, Set<String> actual, String what, List<String> examples) {
        List<String> absent = expected.stream().filter(id -> !actual.contains(id)).sorted().toList();
        absent.stream().limit(3).forEach(id -> examples.add(what + ": " + id));
        return absent.size();
    }

    private static int twice(Map<String, Long> counts, String what, List<String> examples) {
        List<String> repeated = counts.entrySet().stream().filter(e -> e.getValue() > 1).map(e -> e.getKey() + " x" + e.getValue())
                .sorted().toList();
        repeated.stream().limit(3).forEach(id -> examples.add(what + ": " + id));
        return repeated.size();
    }

    private static String abbreviate(String value) {
        return value.length() > 120 ? value.substring(0, 120) + "..." : value;
    }
}
