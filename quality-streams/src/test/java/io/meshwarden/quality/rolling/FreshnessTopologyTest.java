package io.meshwarden.quality.rolling;

import static io.meshwarden.quality.TopologyHarness.START;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.MetricEvent;
import io.meshwarden.avro.ProductStatus;
import io.meshwarden.avro.Severity;
import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationCategory;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.quality.TopologyHarness;
import io.meshwarden.schemas.Topics;
import io.meshwarden.streams.testing.TopologyFixture;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Freshness on wall-clock time: the punctuator notices silence; one breach per episode; fresh data recovers. */
class FreshnessTopologyTest {
    private static final String PRODUCT = "paid-media.campaign-performance";
    private static final long MAX_AGE_MS = 3_000;

    @AutoClose
    private final TopologyFixture harness = TopologyHarness.start();
    private final TestInputTopic<String, DataProductContract> catalog = harness.input(Topics.CATALOG);
    private final TestInputTopic<String, MetricEvent> metrics = harness.input(Topics.METRICS);
    private final TestOutputTopic<String, Violation> violations = harness.output(Topics.VIOLATIONS);

    @Test
    void breachesFreshnessWhenProductGoesSilent() {
        register(QualityFixtures.contract(PRODUCT, MAX_AGE_MS, 99.5, 3_600_000));
        metrics.pipeInput(PRODUCT, QualityFixtures.metric(PRODUCT, 100, 100, START), START);

        advance(Duration.ofMillis(2_900));
        assertThat(violations.isEmpty()).isTrue();
        advance(Duration.ofMillis(1_100));

        Violation breach = violations.readValue();
        assertThat(breach.getRuleId()).isEqualTo("freshness");
        assertThat(breach.getCategory()).isEqualTo(ViolationCategory.FRESHNESS);
        assertThat(breach.getSeverity()).isEqualTo(Severity.BLOCKING);
        assertThat(breach.getStatus()).isEqualTo(ViolationStatus.BREACH);
        assertThat(breach.getObservedValue()).isEqualTo(3_900.0);
        assertThat(breach.getTargetValue()).isEqualTo((double) MAX_AGE_MS);
        assertThat(breach.getPolicySetId()).isNull();
        assertThat(breach.getDetectedAt()).isEqualTo(START.plusMillis(3_900));
    }

    @Test
    void aFreshnessBreachNamesItsDeadlineTheNewestRecordPlusTheLimit() {
        register(QualityFixtures.contract(PRODUCT, MAX_AGE_MS, 99.5, 3_600_000));
        Instant newest = START.minusMillis(700);
        MetricEvent metric = MetricEvent.newBuilder(QualityFixtures.metric(PRODUCT, 100, 100, START))
                .setNewestRecordTime(newest).build();
        metrics.pipeInput(PRODUCT, metric, START);
        advance(Duration.ofSeconds(5));
        Instant resumed = START.plusSeconds(5);
        metrics.pipeInput(PRODUCT, QualityFixtures.metric(PRODUCT, 100, 100, resumed), resumed);

        Instant deadline = newest.plusMillis(MAX_AGE_MS);
        assertThat(violations.readValuesToList()).extracting(Violation::getStatus, Violation::getDeadline)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(ViolationStatus.BREACH, deadline),
                        org.assertj.core.groups.Tuple.tuple(ViolationStatus.RECOVERY, deadline));
    }

    @Test
    void aNeverFedProductsDeadlineIsItsRegistrationPlusTheLimit() {
        register(QualityFixtures.contract(PRODUCT, MAX_AGE_MS, 99.5, 3_600_000));

        advance(Duration.ofSeconds(5));

        Violation breach = violations.readValue();
        assertThat(breach.getDeadline()).isEqualTo(START.plusMillis(MAX_AGE_MS));
        assertThat(breach.getDetectedAt()).isAfter(breach.getDeadline());
    }

    @Test
    void breachesOncePerEpisodeNotOncePerTick() {
        register(QualityFixtures.contract(PRODUCT, MAX_AGE_MS, 99.5, 3_600_000));
        metrics.pipeInput(PRODUCT, QualityFixtures.metric(PRODUCT, 100, 100, START), START);

        advance(Duration.ofSeconds(30));

        assertThat(violations.readValuesToList()).extracting(Violation::getStatus).containsExactly(ViolationStatus.BREACH);
    }

    @Test
    void recoversWhenFreshDataArrivesAndBreachesAgainInTheNextEpisode() {
        register(QualityFixtures.contract(PRODUCT, MAX_AGE_MS, 99.5, 3_600_000));
        metrics.pipeInput(PRODUCT, QualityFixtures.metric(PRODUCT, 100, 100, START), START);
        advance(Duration.ofSeconds(10));
        Instant resumed = START.plusSeconds(10);

        metrics.pipeInput(PRODUCT, QualityFixtures.metric(PRODUCT, 100, 100, resumed), resumed);
        advance(Duration.ofSeconds(10));

        assertThat(violations.readValuesToList()).extracting(Violation::getStatus, Violation::getDetectedAt)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(ViolationStatus.BREACH, START.plusSeconds(4)),
                        org.assertj.core.groups.Tuple.tuple(ViolationStatus.RECOVERY, resumed),
                        org.assertj.core.groups.Tuple.tuple(ViolationStatus.BREACH, resumed.plusSeconds(4)));
    }

    @Test
    void staleDataDoesNotRecover() {
        register(QualityFixtures.contract(PRODUCT, MAX_AGE_MS, 99.5, 3_600_000));
        advance(Duration.ofSeconds(5));
        violations.readValue();

        MetricEvent stale = QualityFixtures.metric(PRODUCT, 100, 100, START);
        metrics.pipeInput(PRODUCT, stale, START.plusSeconds(5));
        advance(Duration.ofSeconds(5));

        assertThat(violations.isEmpty()).isTrue();
    }

    @Test
    void breachesAProductRegisteredButNeverFedOnePeriodAfterRegistration() {
        register(QualityFixtures.contract(PRODUCT, MAX_AGE_MS, 99.5, 3_600_000));

        advance(Duration.ofMillis(3_000));
        assertThat(violations.isEmpty()).isTrue();
        advance(Duration.ofMillis(1_000));

        Violation breach = violations.readValue();
        assertThat(breach.getStatus()).isEqualTo(ViolationStatus.BREACH);
        assertThat(breach.getMessage()).contains("no record since the product was registered");
    }

    @Test
    void doesNotCheckDeprecatedOrRetiredProducts() {
        DataProductContract active = QualityFixtures.contract(PRODUCT, MAX_AGE_MS, 99.5, 3_600_000);
        register(DataProductContract.newBuilder(active).setStatus(ProductStatus.DEPRECATED).build());
        String retired = "email.send-engagement";
        register(DataProductContract.newBuilder(QualityFixtures.contract(retired, MAX_AGE_MS, 99.5, 3_600_000))
                .setStatus(ProductStatus.RETIRED).build());

        advance(Duration.ofMinutes(1));

        assertThat(violations.isEmpty()).isTrue();
    }

    @Test
    void deprecatingABreachedProductRecoversItsFreshnessAlert() {
        DataProductContract active = QualityFixtures.contract(PRODUCT, MAX_AGE_MS, 99.5, 3_600_000);
        register(active);
        advance(Duration.ofSeconds(5));

        catalog.pipeInput(PRODUCT, DataProductContract.newBuilder(active).setVersion("1.1.0").setStatus(ProductStatus.DEPRECATED)
                .build(), START.plusSeconds(5));
        advance(Duration.ofSeconds(5));

        assertThat(violations.readValuesToList()).extracting(Violation::getStatus)
                .containsExactly(ViolationStatus.BREACH, ViolationStatus.RECOVERY);
    }

    private void register(DataProductContract contract) {
        catalog.pipeInput(contract.getId(), contract, START);
    }

    /** Moves wall-clock time second by second, as the punctuator would see it, then by the remainder. */
    private void advance(Duration duration) {
        Duration left = duration;
        while (left.compareTo(Duration.ofSeconds(1)) > 0) {
            harness.driver().advanceWallClockTime(Duration.ofSeconds(1));
            left = left.minusSeconds(1);
        }
        harness.driver().advanceWallClockTime(left);
    }
}
