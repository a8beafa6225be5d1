package io.meshwarden.sla.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.Decision;
import io.meshwarden.avro.DecisionOutcome;
import io.meshwarden.avro.QualitySnapshot;
import io.meshwarden.schemas.Samples;
import io.meshwarden.sla.budget.Downtime;
import io.meshwarden.sla.history.HistoryRange;
import io.meshwarden.sla.history.ProductHistory;
import io.meshwarden.schemas.Topics;
import io.meshwarden.streams.testing.TopologyFixture;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The history part of the production SLA topology, in TopologyTestDriver with explicit record times. */
class HistoryTopologyTest {
    private static final String PRODUCT = "paid-media.campaigns";

    @AutoClose
    private final TopologyFixture fixture = TopologyFixture.start(SlaTopology.APPLICATION_SUFFIX, Samples.T0,
            (topics, properties) -> SlaTopology.build(topics, SlaHarness.POLICY, properties));
    private final TestInputTopic<String, DataProductContract> catalog = fixture.input(Topics.CATALOG);
    private final TestInputTopic<String, QualitySnapshot> snapshots = fixture.input(Topics.SNAPSHOTS);
    private final TestInputTopic<String, Decision> decisions = fixture.input(Topics.DECISIONS);

    @Test
    void keepsOnePointPerFiveMinutesForADayAndHourlyRollupsForAMonth() {
        catalog.pipeInput(PRODUCT, Samples.contract(PRODUCT), Samples.T0);
        Instant start = Samples.T0;
        // Hourly for 30 days, then every five minutes for 25 hours, completeness 0.9 then 1.0 alternately.
        Instant at = start;
        for (int i = 0; i < 30 * 24; i++, at = at.plus(Duration.ofHours(1))) {
            snapshots.pipeInput(PRODUCT, snapshot(at, 1.0, at.minusSeconds(120)), at);
        }
        int steps = 25 * 12;
        for (int i = 0; i < steps; i++, at = at.plus(Duration.ofMinutes(5))) {
            snapshots.pipeInput(PRODUCT, snapshot(at, i % 2 == 0 ? 0.9 : 1.0, at.minusSeconds(120)), at);
        }
        Instant last = at.minus(Duration.ofMinutes(5));
        KeyValueStore<String, QualityPoint> store = fixture.store(HistoryStores.QUALITY);
        List<QualityPoint> fine = HistoryStores.entries(store, HistoryStores.finePrefix(PRODUCT)).stream().map(kv -> kv.value).toList();
        List<KeyValue<String, QualityPoint>> hourly = HistoryStores.entries(store, HistoryStores.rollupPrefix(PRODUCT));
        assertThat(fine).hasSizeBetween(288, 289);
        assertThat(hourly).hasSizeBetween(720, 721);
        assertThat(hourly.get(0).value.at()).isGreaterThanOrEqualTo(last.minus(Duration.ofDays(30)).toEpochMilli());
        QualityPoint hour = hourly.get(hourly.size() - 2).value;
        assertThat(hour.samples()).isEqualTo(12);
        assertThat(hour.completeness()).isCloseTo(0.95, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(hour.completenessMin()).isEqualTo(0.9);
        assertThat(hour.freshnessAgeMs()).isEqualTo(120_000L);
        assertThat(hour.freshnessDeadlineMs()).as("from the contract").isEqualTo(3_600_000L);
        assertThat(fine.get(fine.size() - 1).at()).isEqualTo(last.toEpochMilli());
        assertThat(fine.get(0).at()).isGreaterThanOrEqualTo(last.minus(Duration.ofHours(24)).toEpochMilli());
    }

    /**
     * Snapshots every five minutes for two hours, of a product judged per 30-minute period: each point
     * carries the band of the last judged period, each hour's rollup the latest, and the history gives
     * one value per period with the anomalous one marked.
     */
    @Test
    void keepsTheVolumeBandOfEachPointAndTheLatestInEachHoursRollup() {
        catalog.pipeInput(PRODUCT, Samples.contract(PRODUCT), Samples.T0);
        Instant hour = Samples.T0.plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.HOURS);
        for (int i = 0; i < 24; i++) {
            Instant at = hour.plus(Duration.ofMinutes(5L * i));
            long period = i / 6;
            Instant periodEnd = hour.plus(Duration.ofMinutes(30 * period));
            String state = period == 2 ? "anomalous" : "normal";
            QualitySnapshot snapshot = QualitySnapshot.newBuilder(snapshot(at, 1.0, at)).setAnomalyBands(Map.of(
                    QualityPoint.VOLUME, QualityPointTest.band(period == 2 ? 40 : 500 + period, 500, 400, 600, periodEnd, state),
                    "null-rate.campaign_id", QualityPointTest.band(0, 0, 0, 0.01, periodEnd, "normal"))).build();
            snapshots.pipeInput(PRODUCT, snapshot, at);
        }
        snapshots.pipeInput(PRODUCT, snapshot(hour.plus(Duration.ofHours(2)), 1.0, hour), hour.plus(Duration.ofHours(2)));
        KeyValueStore<String, QualityPoint> store = fixture.store(HistoryStores.QUALITY);
        List<QualityPoint> fine = HistoryStores.entries(store, HistoryStores.finePrefix(PRODUCT)).stream().map(kv -> kv.value).toList();
        List<QualityPoint> hourly = HistoryStores.entries(store, HistoryStores.rollupPrefix(PRODUCT)).stream().map(kv -> kv.value).toList();

        assertThat(fine).hasSize(25);
        assertThat(fine.get(13).volume()).isEqualTo(new QualityPoint.Band(40, 500, 400, 600,
                hour.plus(Duration.ofMinutes(60)).toEpochMilli(), "anomalous"));
        assertThat(fine.get(24).volume()).as("a snapshot without bands").isNull();
        assertThat(hourly).hasSize(3);
        assertThat(hourly.get(0).volume().periodEnd()).isEqualTo(hour.plus(Duration.ofMinutes(30)).toEpochMilli());
        assertThat(hourly.get(1).volume()).isEqualTo(new QualityPoint.Band(503, 500, 400, 600,
                hour.plus(Duration.ofMinutes(90)).toEpochMilli(), "normal"));
        assertThat(hourly.get(2).volume()).isNull();

        ProductHistory.PeriodSeries periods = ProductHistory.of(PRODUCT, HistoryRange.DAY, fine, Downtime.none(), null,
                hour.plus(Duration.ofHours(2)).toEpochMilli()).volumeBand();
        assertThat(periods.times()).containsExactly(hour.getEpochSecond(), hour.plus(Duration.ofMinutes(30)).getEpochSecond(),
                hour.plus(Duration.ofMinutes(60)).getEpochSecond(), hour.plus(Duration.ofMinutes(90)).getEpochSecond());
        assertThat(periods.states()).containsExactly("normal", "normal", "anomalous", "normal");
        assertThat(periods.values().get("observed")).containsExactly(500.0, 501.0, 40.0, 503.0);
        assertThat(periods.values().get("expected")).containsOnly(500.0);
        assertThat(periods.values().get("low")).containsOnly(400.0);
        assertThat(periods.values().get("high")).containsOnly(600.0);
        assertThat(periods.values().get("anomalous")).containsExactly(null, null, 40.0, null);
        assertThat(ProductHistory.of(PRODUCT, HistoryRange.MONTH, hourly, Downtime.none(), null,
                hour.plus(Duration.ofHours(2)).toEpochMilli()).volumeBand().states()).containsExactly("normal", "normal");
    }

    @Test
    void aSnapshotOlderThanItsSpanIsNotWritten() {
        Instant now = Samples.T0.plus(Duration.ofDays(40));
        snapshots.pipeInput(PRODUCT, snapshot(now, 1.0, now), now);
        Instant old = Samples.T0;
        snapshots.pipeInput(PRODUCT, snapshot(old, 0.5, old), old);
        KeyValueStore<String, QualityPoint> store = fixture.store(HistoryStores.QUALITY);
        assertThat(HistoryStores.entries(store, HistoryStores.productPrefix(PRODUCT))).hasSize(2)
                .allSatisfy(entry -> assertThat(entry.value.completeness()).isEqualTo(1.0));
    }

    @Test
    void recordsEachAcceptedVersionOnceAndKeepsTheNewestTwenty() {
        DataProductContract contract = Samples.contract(PRODUCT);
        catalog.pipeInput(PRODUCT, contract, Samples.T0);
        catalog.pipeInput(PRODUCT, contract, Samples.T0.plusSeconds(1));
        KeyValueStore<String, ContractVersion> store = fixture.store(HistoryStores.VERSIONS);
        assertThat(HistoryStores.entries(store, HistoryStores.productPrefix(PRODUCT))).as("the same contract again adds nothing").hasSize(1);
        for (int i = 1; i <= 25; i++) {
            DataProductContract next = DataProductContract.newBuilder(contract).setVersion("1." + i + ".0").build();
            catalog.pipeInput(PRODUCT, next, Samples.T0.plusSeconds(10 + i));
        }
        List<KeyValue<String, ContractVersion>> kept = HistoryStores.entries(store, HistoryStores.productPrefix(PRODUCT));
        assertThat(kept).hasSize(HistoryStores.MAX_VERSIONS);
        assertThat(kept.get(0).value.version()).isEqualTo("1.6.0");
        assertThat(kept.get(kept.size() - 1).value.version()).isEqualTo("1.25.0");
    }

    @Test
    void recordsRejectedAndAcceptedDecisionsOnceEachBoundedPerProduct() {
        decisions.pipeInput(PRODUCT, decision("c-1", DecisionOutcome.REJECTED, Samples.T0), Samples.T0);
        decisions.pipeInput(PRODUCT, decision("c-1", DecisionOutcome.REJECTED, Samples.T0), Samples.T0);
        decisions.pipeInput(PRODUCT, decision("c-2", DecisionOutcome.ACCEPTED, Samples.T0.plusSeconds(5)), Samples.T0.plusSeconds(5));
        KeyValueStore<String, Decision> store = fixture.store(HistoryStores.DECISIONS);
        assertThat(HistoryStores.entries(store, HistoryStores.productPrefix(PRODUCT))).extracting(kv -> kv.value.getChangeId())
                .containsExactly("c-1", "c-2");
        for (int i = 0; i < 60; i++) {
            Instant at = Samples.T0.plusSeconds(100 + i);
            decisions.pipeInput(PRODUCT, decision("d-" + i, DecisionOutcome.REJECTED, at), at);
        }
        assertThat(HistoryStores.entries(store, HistoryStores.productPrefix(PRODUCT))).hasSize(HistoryStores.MAX_DECISIONS);
    }

    @Test
    void anUndecodableDecisionGoesToTheDeadLetterTopic() {
        fixture.rawInput(Topics.DECISIONS).pipeInput(PRODUCT.getBytes(), "{not json".getBytes());
        assertThat(fixture.deadLetters().readRecordsToList()).hasSize(1);
        assertThat(HistoryStores.entries(fixture.<Decision>store(HistoryStores.DECISIONS), "")).isEmpty();
    }

    static QualitySnapshot snapshot(Instant at, double completeness, Instant newest) {
        return QualitySnapshot.newBuilder().setProductId(PRODUCT).setWindowStart(at.minus(Duration.ofHours(1))).setWindowEnd(at)
                .setRecordsReceived(Math.round(completeness * 1000)).setRecordsExpected(1000L).setCompleteness(completeness)
                .setRequiredFieldCompleteness(Map.of()).setNewestRecordTime(newest).setCompletenessTarget(0.995)
                .setQualityRuleValues(Map.of()).setQualityRulesNotEvaluated(Map.of()).setComputedAt(at).build();
    }

    static Decision decision(String changeId, DecisionOutcome outcome, Instant at) {
        return Decision.newBuilder().setChangeId(changeId).setProductId(PRODUCT).setContractVersion("2.0.0").setOutcome(outcome)
                .setViolations(outcome == DecisionOutcome.REJECTED ? List.of(Samples.violation(PRODUCT, "naming")) : List.of())
                .setPolicySets(List.of("global@1.0.0")).setDecidedAt(at).build();
    }
}
