package io.meshwarden.lineage;

import io.meshwarden.avro.AnomalyBand;
import io.meshwarden.avro.AnomalyBands;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.QualityRule;
import io.meshwarden.avro.QualitySnapshot;
import io.meshwarden.avro.QualityUnit;
import io.meshwarden.schemas.Samples;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A contract with ODCS quality rules, a snapshot of it and its anomaly bands, for the lineage tests. */
final class LineageSamples {
    static final String PRODUCT = "paid-media.campaign-performance";
    static final Instant T0 = Samples.T0;

    private LineageSamples() {
    }

    static DataProductContract contract() {
        DataProductContract contract = Samples.contract(PRODUCT);
        contract.setQualityRules(List.of(
                rule("$.schema[0].quality[0]", null, "rowCount", "mustBeGreaterThan", 100.0, null),
                rule("$.schema[0].properties[0].quality[0]", "campaign_id", "nullValues", "mustBeBetween", 0.0, 2.0)));
        return contract;
    }

    /** A snapshot as quality-streams writes it: its bands go to their own topic ({@link #bands}). */
    static QualitySnapshot snapshot() {
        return QualitySnapshot.newBuilder().setProductId(PRODUCT)
                .setWindowStart(T0.minusSeconds(3600)).setWindowEnd(T0)
                .setRecordsReceived(1000).setRecordsExpected(1000).setCompleteness(1.0)
                .setRequiredFieldCompleteness(Map.of("campaign_id", 1.0, "clicks", 0.99))
                .setNewestRecordTime(T0.minusSeconds(60)).setCompletenessTarget(0.995)
                .setQualityRuleValues(Map.of("$.schema[0].quality[0]", 1000.0, "$.schema[0].properties[0].quality[0]", 5.0))
                .setQualityRulesNotEvaluated(Map.of())
                .setComputedAt(T0.plusSeconds(1)).build();
    }

    /** The product's bands on the anomaly-bands topic: the volume within its band. */
    static AnomalyBands bands() {
        return bands(Map.of("volume", band("normal")));
    }

    static AnomalyBands bands(Map<String, AnomalyBand> bands) {
        return AnomalyBands.newBuilder().setProductId(PRODUCT).setBands(bands).setComputedAt(T0).build();
    }

    /** The snapshot with the product's bands in it: as an earlier release wrote it, and as the topology reports it. */
    static QualitySnapshot snapshotWithBands() {
        return QualitySnapshot.newBuilder(snapshot()).setAnomalyBands(bands().getBands()).build();
    }

    /** A band of 900 to 1100 around 990 records, 1000 observed, of the period ending at T0. */
    static AnomalyBand band(String state) {
        return AnomalyBand.newBuilder().setObserved(1000).setExpected(990).setLow(900).setHigh(1100).setPeriodEnd(T0)
                .setState(state).build();
    }

    private static QualityRule rule(String path, String field, String metric, String operator, Double threshold, Double high) {
        return QualityRule.newBuilder().setPath(path).setField(field).setMetric(metric).setOperator(operator)
                .setThreshold(threshold).setThresholdHigh(high).setUnit(QualityUnit.ROWS).setValues(List.of()).setPattern(null)
                .setDimension(null).setDescription(null).setSeverity(null).setDefinition(null).setEngine(null).build();
    }
}
