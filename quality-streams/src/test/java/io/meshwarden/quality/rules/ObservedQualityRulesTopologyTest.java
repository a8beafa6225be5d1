package io.meshwarden.quality.rules;

import static io.meshwarden.quality.TopologyHarness.START;
import static io.meshwarden.quality.rules.QualityRules.path;
import static io.meshwarden.quality.rules.QualityRules.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.QualityRule;
import io.meshwarden.avro.QualitySnapshot;
import io.meshwarden.avro.Severity;
import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationCategory;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.quality.TopologyHarness;
import io.meshwarden.quality.rolling.QualityOptions;
import io.meshwarden.schemas.Topics;
import io.meshwarden.streams.testing.TopologyFixture;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Observed mode with contract quality rules: the product's own records, one-minute steps, one
 * minute of grace. Each test breaks a rule in the first step [0 s, 60 s), keeps it in the second
 * [60 s, 120 s), and a record at 190 s closes both: a BREACH for the first step, a RECOVERY for
 * the second.
 */
class ObservedQualityRulesTopologyTest {
    private static final String PRODUCT = "paid-media.campaign-performance";
    private static final long FIRST_STEP_END = START.plusSeconds(60).toEpochMilli();
    private static final long SECOND_STEP_END = START.plusSeconds(120).toEpochMilli();

    @AutoClose
    private final TopologyFixture harness = TopologyHarness.start(QualityOptions.defaults().withObservedTopics(".*\\.v[0-9]+"));
    private final TestInputTopic<byte[], byte[]> output = harness.driver().createInputTopic(PRODUCT + ".v1",
            Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());

    @Test
    void breachesARowCountBelowItsMinimumAndRecovers() {
        String path = path(-1, 0);
        publish(rule(path, null, "rowCount", "mustBeGreaterOrEqualTo", 3));

        breakThenKeep(List.of(row("c-1", "search", "a@x", 1), row("c-2", "search", "b@x", 1)),
                List.of(row("c-3", "search", "c@x", 1), row("c-4", "search", "d@x", 1), row("c-5", "search", "e@x", 1)));

        List<Violation> violations = qualityViolations();
        assertBreachThenRecovery(violations, path, 2.0, 3.0);
        Violation breach = violations.get(0);
        assertThat(breach.getViolationId()).isEqualTo(PRODUCT + "/quality:" + path + "/breach/" + FIRST_STEP_END);
        assertThat(breach.getCategory()).isEqualTo(ViolationCategory.COMPLETENESS);
        assertThat(breach.getSeverity()).isEqualTo(Severity.WARNING);
        assertThat(breach.getMessage()).contains(path).contains("rowCount measured 2 rows").contains("must be >= 3 rows");
        assertThat(breach.getWindowEnd().toEpochMilli()).isEqualTo(FIRST_STEP_END);
        assertThat(violations.get(1).getViolationId()).isEqualTo(PRODUCT + "/quality:" + path + "/recovery/" + SECOND_STEP_END);
    }

    @Test
    void breachesNullValuesOfAPropertyInRowsAndRecovers() {
        String path = path(2, 0);
        publish(rule(path, "email", "nullValues", "mustBe", 0));

        breakThenKeep(List.of(row("c-1", "search", null, 1), row("c-2", "search", "b@x", 1)),
                List.of(row("c-3", "search", "c@x", 1)));

        assertBreachThenRecovery(qualityViolations(), path, 1.0, 0.0);
    }

    @Test
    void breachesNullValuesInPercentOfTheStepsRowsAndRecovers() {
        String path = path(3, 0);
        publish(QualityRules.percent(rule(path, "clicks", "nullValues", "mustBeLessThan", 30)));

        breakThenKeep(List.of(row("c-1", "search", "a@x", null), row("c-2", "search", "b@x", 1), row("c-3", "search", "c@x", 1)),
                List.of(row("c-4", "search", "d@x", null), row("c-5", "search", "e@x", 1), row("c-6", "search", "f@x", 1),
                        row("c-7", "search", "g@x", 1)));

        assertBreachThenRecovery(qualityViolations(), path, 100.0 / 3, 30.0);
        assertThat(lastSnapshot().getQualityRuleValues()).containsEntry(path, 25.0);
    }

    @Test
    void countsNullsAndListedValuesAsMissingAndRecovers() {
        String path = path(1, 0);
        publish(QualityRules.withValues(rule(path, "channel", "missingValues", "mustBeLessOrEqualTo", 1), "", "N/A"));

        breakThenKeep(List.of(row("c-1", "N/A", "a@x", 1), row("c-2", null, "b@x", 1), row("c-3", "", "c@x", 1),
                        row("c-4", "search", "d@x", 1)),
                List.of(row("c-5", "", "e@x", 1), row("c-6", "n/a", "f@x", 1)));

        assertBreachThenRecovery(qualityViolations(), path, 3.0, 1.0);
    }

    @Test
    void breachesValuesOutsideTheValidListAndRecovers() {
        String path = path(1, 1);
        publish(QualityRules.withValues(rule(path, "channel", "invalidValues", "mustBe", 0), "search", "social"));

        breakThenKeep(List.of(row("c-1", "tv", "a@x", 1), row("c-2", "social", "b@x", 1), row("c-3", null, "c@x", 1)),
                List.of(row("c-4", "search", "d@x", 1), row("c-5", null, "e@x", 1)));

        assertBreachThenRecovery(qualityViolations(), path, 1.0, 0.0);
    }

    @Test
    void breachesValuesNotMatchingThePatternAndRecovers() {
        String path = path(0, 0);
        publish(QualityRules.withPattern(rule(path, "campaign_id", "invalidValues", "mustBeLessThan", 1), "^c-[0-9]+$"));

        breakThenKeep(List.of(row("c-1", "search", "a@x", 1), row("x-2", "search", "b@x", 1), row("c-3b", "search", "c@x", 1)),
                List.of(row("c-4", "search", "d@x", 1)));

        assertBreachThenRecovery(qualityViolations(), path, 2.0, 1.0);
    }

    @Test
    void countsDuplicateValuesOfAPropertyExactlyWithinTheStepAndRecovers() {
        String path = path(0, 1);
        publish(rule(path, "campaign_id", "duplicateValues", "mustBe", 0));

        // c-1 again in the second step is not a duplicate: each step starts with no values seen.
        breakThenKeep(List.of(row("c-1", "search", "a@x", 1), row("c-1", "social", "b@x", 2), row("c-1", "search", "c@x", 3),
                        row("c-2", "search", "d@x", 1)),
                List.of(row("c-1", "search", "e@x", 1), row("c-2", "search", "f@x", 1)));

        assertBreachThenRecovery(qualityViolations(), path, 2.0, 0.0);
        List<String> seen = new java.util.ArrayList<>();
        try (var all = harness.<Long>store(io.meshwarden.quality.rolling.RollingQualityTopology.DUPLICATES_STORE).all()) {
            all.forEachRemaining(entry -> seen.add(entry.key));
        }
        assertThat(seen).as("only the values of the step still open (the record that closed the others)")
                .hasSize(1).allMatch(key -> key.endsWith("\"c-9\""));
    }

    @Test
    void countsDuplicateRecordsOnTheObjectInPercentAndRecovers() {
        String path = path(-1, 1);
        publish(QualityRules.percent(rule(path, null, "duplicateValues", "mustBeLessOrEqualTo", 10)));

        breakThenKeep(List.of(row("c-1", "search", "a@x", 1), row("c-1", "search", "a@x", 1), row("c-1", "search", "a@x", 2)),
                List.of(row("c-1", "search", "a@x", 1), row("c-1", "search", "a@x", 2)));

        assertBreachThenRecovery(qualityViolations(), path, 100.0 / 3, 10.0);
    }

    @Test
    void checksTheFieldOfANestedObjectByItsDottedPathAndRecovers() {
        String path = "$.schema[0].properties[4].properties[0].quality[0]";
        publish(QualityRules.withValues(rule(path, "geo.country", "invalidValues", "mustBe", 0), "FR", "DE"));

        // An absent or null nested object is no invalid value: nulls are the nullValues rules' business.
        breakThenKeep(List.of(nested("FR"), nested("XX"), row("c-3", "search", "c@x", 1), "{\"campaign_id\": \"c-4\", \"geo\": null}"),
                List.of(nested("DE"), nested(null)));

        assertBreachThenRecovery(qualityViolations(), path, 1.0, 0.0);
    }

    private static String nested(String country) {
        return "{\"campaign_id\": \"c-n\", \"geo\": {\"country\": " + text(country) + ", \"region\": \"r\"}}";
    }

    @Test
    void reportsSqlAndCustomRulesAsNotEvaluatedInEverySnapshotAndNeverBreachesThem() {
        QualityRule sql = QualityRule.newBuilder().setPath(path(-1, 0)).setMetric("sql").setOperator("mustBe").setThreshold(0.0)
                .setDefinition("SELECT COUNT(*) FROM t WHERE clicks < 0").build();
        QualityRule custom = QualityRule.newBuilder().setPath(path(-1, 1)).setMetric("custom").setDefinition("gx: expect_x").build();
        QualityRule incomplete = QualityRule.newBuilder().setPath(path(2, 0)).setField("email").setMetric("nullValues").build();
        publish(sql, custom, incomplete);

        breakThenKeep(List.of(row("c-1", "search", null, -1)), List.of(row("c-2", "search", "b@x", 1)));

        assertThat(qualityViolations()).isEmpty();
        assertThat(lastSnapshot().getQualityRulesNotEvaluated())
                .containsEntry(path(-1, 0), "sql rules are kept but not evaluated on the stream")
                .containsEntry(path(-1, 1), "custom rules are kept but not evaluated on the stream")
                .containsEntry(path(2, 0), "no operator (mustBe, mustBeLessThan, ...)");
    }

    @Test
    void recoversARuleTheNextContractVersionRemoves() {
        String path = path(2, 0);
        publish(rule(path, "email", "nullValues", "mustBe", 0));
        send(row("c-1", "search", null, 1), 10);
        send(row("c-2", "search", "b@x", 1), 70);
        send(row("c-3", "search", "c@x", 1), 125);
        harness.input(Topics.CATALOG).pipeInput(PRODUCT, DataProductContract.newBuilder(QualityRules.contract(PRODUCT))
                .setVersion("1.1.0").build(), START.plusSeconds(126));
        send(row("c-4", "search", null, 1), 190);

        List<Violation> violations = qualityViolations();
        assertThat(violations).extracting(Violation::getStatus).containsExactly(ViolationStatus.BREACH, ViolationStatus.RECOVERY);
        assertThat(violations.get(1).getMessage()).contains("no longer checked");
        assertThat(violations.get(1).getObservedValue()).isNull();
    }

    private void publish(QualityRule... rules) {
        harness.input(Topics.CATALOG).pipeInput(PRODUCT, QualityRules.contract(PRODUCT, rules), START);
    }

    /** The first rows in the first step, the second in the second, then a record that closes both. */
    private void breakThenKeep(List<String> first, List<String> second) {
        for (int i = 0; i < first.size(); i++) {
            send(first.get(i), 1 + i);
        }
        for (int i = 0; i < second.size(); i++) {
            send(second.get(i), 61 + i);
        }
        send(row("c-9", "social", "z@x", 9), 190);
    }

    private void send(String json, int secondsAfterStart) {
        output.pipeInput(new TestRecord<>("k".getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8),
                START.plusSeconds(secondsAfterStart)));
    }

    private List<Violation> qualityViolations() {
        return harness.output(Topics.VIOLATIONS).readValuesToList().stream()
                .filter(v -> v.getRuleId().startsWith("quality:")).toList();
    }

    private QualitySnapshot lastSnapshot() {
        List<QualitySnapshot> snapshots = harness.output(Topics.SNAPSHOTS).readValuesToList();
        return snapshots.get(snapshots.size() - 1);
    }

    private static void assertBreachThenRecovery(List<Violation> violations, String path, double observed, double threshold) {
        assertThat(violations).extracting(Violation::getRuleId, Violation::getStatus, Violation::getWindowEnd)
                .containsExactly(tuple("quality:" + path, ViolationStatus.BREACH, java.time.Instant.ofEpochMilli(FIRST_STEP_END)),
                        tuple("quality:" + path, ViolationStatus.RECOVERY, java.time.Instant.ofEpochMilli(SECOND_STEP_END)));
        assertThat(violations.get(0).getObservedValue()).isCloseTo(observed, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(violations.get(0).getTargetValue()).isEqualTo(threshold);
    }

    private static String row(String campaignId, String channel, String email, Integer clicks) {
        return "{\"campaign_id\": " + text(campaignId) + ", \"channel\": " + text(channel) + ", \"email\": " + text(email)
                + ", \"clicks\": " + clicks + "}";
    }

    private static String text(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }
}
