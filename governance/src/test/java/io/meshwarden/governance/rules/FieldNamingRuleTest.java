package io.meshwarden.governance.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.Severity;
import io.meshwarden.governance.Finding;
import io.meshwarden.governance.text.LinearPattern;
import io.meshwarden.schemas.Samples;
import java.util.List;
import org.junit.jupiter.api.Test;

class FieldNamingRuleTest {
    private static final DataProductContract MIXED = DataProductContract.newBuilder(Samples.contract("paid-media.campaign-performance"))
            .setFields(List.of(Samples.field("campaign_id", false, true), Samples.field("spendMicros", false, true),
                    Samples.field("Clicks", false, false)))
            .build();

    private final FieldNamingRule snakeCase = rule(FieldNamingRule.DEFAULT_PATTERN);

    @Test
    void namesEveryFieldThatDoesNotMatchAndNoOther() {
        assertThat(snakeCase.check(MIXED)).extracting(Finding::message).containsExactly(
                "field 'spendMicros' of paid-media.campaign-performance does not match " + FieldNamingRule.DEFAULT_PATTERN,
                "field 'Clicks' of paid-media.campaign-performance does not match " + FieldNamingRule.DEFAULT_PATTERN);
    }

    @Test
    void aRememberedVerdictIsTheSameVerdict() {
        List<Finding> first = snakeCase.check(MIXED);

        assertThat(snakeCase.check(MIXED)).isEqualTo(first).hasSize(2);
    }

    @Test
    void eachRuleJudgesANameByItsOwnPattern() {
        snakeCase.check(MIXED);
        FieldNamingRule camelCase = rule("[a-z][a-zA-Z0-9]*");

        assertThat(camelCase.check(MIXED)).extracting(Finding::message)
                .anySatisfy(message -> assertThat(message).contains("'campaign_id'"))
                .noneSatisfy(message -> assertThat(message).contains("'spendMicros'"));
        assertThat(snakeCase.check(MIXED)).extracting(Finding::message)
                .noneSatisfy(message -> assertThat(message).contains("'campaign_id'"));
    }

    private static FieldNamingRule rule(String pattern) {
        return new FieldNamingRule("naming.fields", Severity.WARNING, LinearPattern.compile(pattern));
    }
}
