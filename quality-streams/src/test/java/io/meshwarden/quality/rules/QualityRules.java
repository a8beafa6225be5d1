package io.meshwarden.quality.rules;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.QualityRule;
import io.meshwarden.avro.QualityUnit;
import io.meshwarden.quality.rolling.QualityFixtures;
import java.util.List;

/**
 * Contract quality rules built by hand, as the ODCS importer builds them from {@code quality[]}
 * entries, and a contract carrying them: completeness promised at 0 % over one-minute windows so
 * that only the quality rules can breach.
 */
public final class QualityRules {
    public static final String SCHEMA = "{\"type\":\"record\",\"name\":\"CampaignPerformance\",\"fields\":["
            + "{\"name\":\"campaign_id\",\"type\":\"string\"},"
            + "{\"name\":\"channel\",\"type\":[\"null\",\"string\"],\"default\":null},"
            + "{\"name\":\"email\",\"type\":[\"null\",\"string\"],\"default\":null},"
            + "{\"name\":\"clicks\",\"type\":[\"null\",\"long\"],\"default\":null}]}";

    private QualityRules() {
    }

    public static String path(int property, int rule) {
        return property < 0 ? "$.schema[0].quality[" + rule + "]" : "$.schema[0].properties[" + property + "].quality[" + rule + "]";
    }

    /** A rule on a property (null: on the object) in rows. */
    public static QualityRule rule(String path, String field, String metric, String operator, double threshold) {
        return QualityRule.newBuilder().setPath(path).setField(field).setMetric(metric).setOperator(operator)
                .setThreshold(threshold).build();
    }

    public static QualityRule percent(QualityRule rule) {
        return QualityRule.newBuilder(rule).setUnit(QualityUnit.PERCENT).build();
    }

    /** The rule with the upper bound of a between operator. */
    public static QualityRule upTo(QualityRule rule, double high) {
        return QualityRule.newBuilder(rule).setThresholdHigh(high).build();
    }

    public static QualityRule withValues(QualityRule rule, String... values) {
        return QualityRule.newBuilder(rule).setValues(List.of(values)).build();
    }

    public static QualityRule withPattern(QualityRule rule, String pattern) {
        return QualityRule.newBuilder(rule).setPattern(pattern).build();
    }

    public static DataProductContract contract(String productId, QualityRule... rules) {
        return DataProductContract.newBuilder(QualityFixtures.contract(productId, 3_600_000, 0.0, 60_000))
                .setProductSchema(SCHEMA).setQualityRules(List.of(rules)).build();
    }
}
