package io.meshwarden.quality.rules;

import static io.meshwarden.quality.TopologyHarness.START;
import static io.meshwarden.quality.rules.QualityRules.path;
import static io.meshwarden.quality.rules.QualityRules.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.meshwarden.avro.MetricEvent;
import io.meshwarden.avro.QualityRule;
import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.quality.TopologyHarness;
import io.meshwarden.quality.rolling.QualityFixtures;
import io.meshwarden.schemas.Topics;
import io.meshwarden.streams.testing.TopologyFixture;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.kafka.streams.TestInputTopic;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Products measured by their own metric events: the quality rules read the counts the events
 * carry (rows loaded, null, missing, invalid and duplicate counts). One event breaks the rule in
 * the first step, one keeps it in the second, and an event at 190 s closes both.
 */
class MetricEventQualityRulesTopologyTest {
    private static final String PRODUCT = "email.send-engagement";

    @AutoClose
    private final TopologyFixture harness = TopologyHarness.start();
    private final TestInputTopic<String, MetricEvent> metrics = harness.input(Topics.METRICS);

    @Test
    void rowCountIsTheRecordsLoaded() {
        assertBreachesThenRecovers(QualityRules.upTo(rule(path(-1, 0), null, "rowCount", "mustBeBetween", 50), 150),
                m -> m.setRecordsLoaded(200), m -> m.setRecordsLoaded(100), 200.0);
    }

    @Test
    void nullValuesAreTheFieldNullCounts() {
        assertBreachesThenRecovers(rule(path(2, 0), "email", "nullValues", "mustBeLessThan", 5),
                m -> m.setFieldNullCounts(Map.of("email", 7L)), m -> m.setFieldNullCounts(Map.of("email", 4L)), 7.0);
    }

    @Test
    void missingValuesAreTheFieldMissingCounts() {
        assertBreachesThenRecovers(QualityRules.percent(rule(path(1, 0), "channel", "missingValues", "mustBeLessOrEqualTo", 5)),
                m -> m.setFieldMissingCounts(Map.of("channel", 6L)), m -> m.setFieldMissingCounts(Map.of("channel", 5L)), 6.0);
    }

    @Test
    void invalidValuesAreTheFieldInvalidCounts() {
        assertBreachesThenRecovers(QualityRules.withValues(QualityRules.upTo(
                        rule(path(1, 1), "channel", "invalidValues", "mustNotBeBetween", 1), 10), "search"),
                m -> m.setFieldInvalidCounts(Map.of("channel", 3L)), m -> m.setFieldInvalidCounts(Map.of("channel", 0L)), 3.0);
    }

    @Test
    void duplicateValuesAreTheFieldDuplicateCounts() {
        assertBreachesThenRecovers(rule(path(0, 0), "campaign_id", "duplicateValues", "mustNotBe", 2),
                m -> m.setFieldDuplicateCounts(Map.of("campaign_id", 2L)), m -> m.setFieldDuplicateCounts(Map.of()), 2.0);
    }

    @Test
    void duplicateRecordsAreTheObjectLevelDuplicates() {
        assertBreachesThenRecovers(rule(path(-1, 1), null, "duplicateValues", "mustBeLessOrEqualTo", 0),
                m -> m.setDuplicateRecords(1), m -> m.setDuplicateRecords(0), 1.0);
    }

    private void assertBreachesThenRecovers(QualityRule rule, UnaryOperator<MetricEvent.Builder> breaking,
                                            UnaryOperator<MetricEvent.Builder> passing, double observed) {
        harness.input(Topics.CATALOG).pipeInput(PRODUCT, QualityRules.contract(PRODUCT, rule), START);
        metrics.pipeInput(PRODUCT, breaking.apply(metric(10)).build(), START.plusSeconds(10));
        metrics.pipeInput(PRODUCT, passing.apply(metric(70)).build(), START.plusSeconds(70));
        metrics.pipeInput(PRODUCT, metric(190).build(), START.plusSeconds(190));

        List<Violation> violations = harness.output(Topics.VIOLATIONS).readValuesToList().stream()
                .filter(v -> v.getRuleId().startsWith("quality:")).toList();
        assertThat(violations).extracting(Violation::getRuleId, Violation::getStatus)
                .containsExactly(tuple("quality:" + rule.getPath(), ViolationStatus.BREACH),
                        tuple("quality:" + rule.getPath(), ViolationStatus.RECOVERY));
        assertThat(violations.get(0).getObservedValue()).isEqualTo(observed);
        assertThat(violations.get(0).getTargetValue()).isEqualTo(rule.getThreshold());
    }

    /** 100 records loaded, as expected, nothing null, missing, invalid or duplicated. */
    private static MetricEvent.Builder metric(int secondsAfterStart) {
        Instant at = START.plusSeconds(secondsAfterStart);
        return MetricEvent.newBuilder(QualityFixtures.metric(PRODUCT, 100, 100, at));
    }
}
