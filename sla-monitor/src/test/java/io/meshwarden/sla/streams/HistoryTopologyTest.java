package io.meshwarden.sla.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.avro.AnomalyBand;
import io.meshwarden.avro.AnomalyBands;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.Decision;
import io.meshwarden.avro.DecisionOutcome;
import io.meshwarden.avro.QualitySnapshot;
import io.meshwarden.schemas.Samples;
import io.meshwarden.schemas.SnapshotBands;
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
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The history part of the production SLA topology, in TopologyTestDriver with explicit record times. */
class HistoryTopologyTest {
    private static final String PRODUCT = "paid-media.campaigns";

    @AutoClose
    private final TopologyFixture fixture = TopologyFixture.start(SlaTopology.APPLICATION_SUFFIX, Samples.T0,
            (topics, properties) -> SlaTopology.build(topics, SlaHarness.POLICY, properties));
    private final TestInputTopic<String, DataProductContract> catalog = fixture.input(Topics.CATALOG);
    private final TestInputTopic<String, QualitySnapshot> snapshots = fixture.input(Topics.SNAPSHOTS);
    private final TestInputTopic<String, Decision> decisions = fixture.input(Topics.DECISIONS);
    private final TestInputTopic<String, AnomalyBands> anomalyBands = fixture.input(Topics.ANOMALY_BANDS);

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

    /** Where a product's bands reach the SLA monitor. */
    enum BandsFrom {
        /** The anomaly-bands topic, written when a judgement changes one; snapshots carry none (quality-streams now). */
        TOPIC,
        /** The snapshots themselves, as earlier releases of quality-streams wrote them. */
        SNAPSHOT
    }

    /**
     * Snapshots every five minutes for two hours, of a product judged per 30-minute period: each point
     * carries the band of the last judged period, each hour's rollup the latest, and the history gives
     * one value per period with the anomalous one marked. The bands come from the anomaly-bands topic
     * at each period's end, or inline in every snapshot of an earlier release; the last snapshot has none
     * (its detectors gone: a tombstone; or a snapshot of an earlier release without bands).
     */
    @ParameterizedTest
    @EnumSource(BandsFrom.class)
    void keepsTheVolumeBandOfEachPointAndTheLatestInEachHoursRollup(BandsFrom from) {
        catalog.pipeInput(PRODUCT, Samples.contract(PRODUCT), Samples.T0);
        Instant hour = Samples.T0.plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.HOURS);
        for (int i = 0; i < 24; i++) {
            Instant at = hour.plus(Duration.ofMinutes(5L * i));
            long period = i / 6;
            Instant periodEnd = hour.plus(Duration.ofMinutes(30 * period));
            String state = period == 2 ? "anomalous" : "normal";
            Map<String, AnomalyBand> judged = Map.of(
                    QualityPoint.VOLUME, QualityPointTest.band(period == 2 ? 40 : 500 + period, 500, 400, 600, periodEnd, state),
                    "null-rate.campaign_id", QualityPointTest.band(0, 0, 0, 0.01, periodEnd, "normal"));
            if (from == BandsFrom.SNAPSHOT) {
                QualitySnapshot ofAnEarlierRelease = QualitySnapshot.newBuilder(snapshot(at, 1.0, at)).setAnomalyBands(judged).build();
                snapshots.pipeInput(PRODUCT, ofAnEarlierRelease, at);
                continue;
            }
            if (i % 6 == 0) {
                anomalyBands.pipeInput(PRODUCT, bands(judged, at), at);
            }
            snapshots.pipeInput(PRODUCT, snapshot(at, 1.0, at), at);
        }
        Instant last = hour.plus(Duration.ofHours(2));
        if (from == BandsFrom.TOPIC) {
            anomalyBands.pipeInput(PRODUCT, null, last);
        }
        snapshots.pipeInput(PRODUCT, snapshot(last, 1.0, hour), last);
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

    /**
     * A snapshot as quality-streams writes it now, with no bands, gets the product's latest bands from
     * the anomaly-bands topic: its point the volume band, and the snapshot the API reads (the two stores
     * read as {@link io.meshwarden.sla.api.SlaReader#snapshot} reads them) every metric's band.
     */
    @Test
    void takesTheVolumeBandFromTheBandsTopic() {
        catalog.pipeInput(PRODUCT, Samples.contract(PRODUCT), Samples.T0);
        Instant at = Samples.T0.plus(Duration.ofHours(1));
        Instant earlier = at.minus(Duration.ofMinutes(30));
        AnomalyBand before = QualityPointTest.band(990, 1000, 900, 1100, earlier, "normal");
        anomalyBands.pipeInput(PRODUCT, bands(Map.of(QualityPoint.VOLUME, before), earlier), earlier);
        AnomalyBand volume = QualityPointTest.band(120, 1000, 900, 1100, at, "anomalous");
        AnomalyBand nullRate = QualityPointTest.band(0, 0.001, 0, 0.01, at, "normal");
        AnomalyBands latest = bands(Map.of(QualityPoint.VOLUME, volume, "null-rate.campaign_id", nullRate), at);
        anomalyBands.pipeInput(PRODUCT, latest, at);

        snapshots.pipeInput(PRODUCT, snapshot(at, 1.0, at), at);

        List<QualityPoint> fine = points(HistoryStores.finePrefix(PRODUCT));
        assertThat(fine).singleElement().extracting(QualityPoint::volume)
                .isEqualTo(new QualityPoint.Band(120, 1000, 900, 1100, at.toEpochMilli(), "anomalous"));
        assertThat(points(HistoryStores.rollupPrefix(PRODUCT))).singleElement().extracting(QualityPoint::volume)
                .isEqualTo(fine.get(0).volume());
        QualitySnapshot stored = value(SlaStores.SNAPSHOTS);
        assertThat(stored.getAnomalyBands()).as("stored as written").isEmpty();
        assertThat(SnapshotBands.attach(stored, value(SlaStores.ANOMALY_BANDS)).getAnomalyBands())
                .containsExactlyInAnyOrderEntriesOf(Map.of(QualityPoint.VOLUME, volume, "null-rate.campaign_id", nullRate));
    }

    /** A snapshot of an earlier release keeps its own bands, whatever the anomaly-bands topic says. */
    @Test
    void aSnapshotsOwnBandsWinOverTheBandsTopic() {
        Instant at = Samples.T0.plus(Duration.ofHours(1));
        AnomalyBand other = QualityPointTest.band(120, 1000, 900, 1100, at, "anomalous");
        anomalyBands.pipeInput(PRODUCT, bands(Map.of(QualityPoint.VOLUME, other), at), at);
        AnomalyBand own = QualityPointTest.band(1000, 1000, 900, 1100, at, "normal");

        QualitySnapshot ofAnEarlierRelease = QualitySnapshot.newBuilder(snapshot(at, 1.0, at))
                .setAnomalyBands(Map.of(QualityPoint.VOLUME, own)).build();
        snapshots.pipeInput(PRODUCT, ofAnEarlierRelease, at);

        assertThat(points(HistoryStores.finePrefix(PRODUCT))).singleElement().extracting(QualityPoint::volume)
                .isEqualTo(new QualityPoint.Band(1000, 1000, 900, 1100, at.toEpochMilli(), "normal"));
        assertThat(SnapshotBands.attach(value(SlaStores.SNAPSHOTS), value(SlaStores.ANOMALY_BANDS)).getAnomalyBands())
                .containsExactlyEntriesOf(Map.of(QualityPoint.VOLUME, own));
    }

    /** A tombstone (the product's detectors gone) clears the bands: the next snapshot's point has none, nor does the API's. */
    @Test
    void aTombstoneOnTheBandsTopicClearsTheBands() {
        Instant at = Samples.T0.plus(Duration.ofHours(1));
        AnomalyBand volume = QualityPointTest.band(990, 1000, 900, 1100, at, "normal");
        anomalyBands.pipeInput(PRODUCT, bands(Map.of(QualityPoint.VOLUME, volume), at), at);
        snapshots.pipeInput(PRODUCT, snapshot(at, 1.0, at), at);
        Instant next = at.plus(HistoryStores.FINE_STEP);

        anomalyBands.pipeInput(PRODUCT, null, next);
        snapshots.pipeInput(PRODUCT, snapshot(next, 1.0, next), next);

        assertThat(points(HistoryStores.finePrefix(PRODUCT))).extracting(QualityPoint::volume)
                .containsExactly(new QualityPoint.Band(990, 1000, 900, 1100, at.toEpochMilli(), "normal"), null);
        assertThat(this.<AnomalyBands>value(SlaStores.ANOMALY_BANDS)).isNull();
        assertThat(SnapshotBands.attach(value(SlaStores.SNAPSHOTS), null).getAnomalyBands()).isEmpty();
    }

    /**
     * The API reads a product's snapshot and its bands from the instance running its partition of the
     * snapshots store: so the bands store must be in the same sub-topology (the same tasks).
     */
    @Test
    void theBandsStoreIsInTheSubTopologyOfTheSnapshotsStore() {
        List<Set<String>> storesBySubtopology = fixture.storesBySubtopology();

        assertThat(storesBySubtopology).filteredOn(stores -> stores.contains(SlaStores.ANOMALY_BANDS)).singleElement()
                .satisfies(stores -> assertThat(stores).contains(SlaStores.SNAPSHOTS, SlaStores.CATALOG, HistoryStores.QUALITY));
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

    private List<QualityPoint> points(String prefix) {
        return HistoryStores.entries(fixture.<QualityPoint>store(HistoryStores.QUALITY), prefix).stream().map(kv -> kv.value).toList();
    }

    /** The product's value in a table's store. */
    private <V> V value(String store) {
        return fixture.<V>store(store).get(PRODUCT);
    }

    /** The product's bands as quality-streams writes them when a judgement changes one. */
    static AnomalyBands bands(Map<String, AnomalyBand> bands, Instant computedAt) {
        return AnomalyBands.newBuilder().setProductId(PRODUCT).setBands(bands).setComputedAt(computedAt).build();
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
