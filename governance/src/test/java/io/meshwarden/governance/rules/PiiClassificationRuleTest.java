package io.meshwarden.governance.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.avro.Classification;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.FieldSpec;
import io.meshwarden.avro.Severity;
import io.meshwarden.schemas.Samples;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PiiClassificationRuleTest {
    private final PiiClassificationRule rule = new PiiClassificationRule("classification.pii", Severity.BLOCKING);

    @ParameterizedTest
    @EnumSource(value = Classification.class, names = {"PUBLIC", "INTERNAL"})
    void rejectsPiiInAProductBelowConfidential(Classification classification) {
        DataProductContract contract = DataProductContract.newBuilder(Samples.contract("customer-analytics.lifecycle-stage"))
                .setClassification(classification).build();

        assertThat(rule.check(contract)).singleElement()
                .satisfies(f -> assertThat(f.message()).contains(classification.name()).contains("[email]"));
    }

    @ParameterizedTest
    @EnumSource(value = Classification.class, names = {"CONFIDENTIAL", "RESTRICTED"})
    void acceptsPiiInAConfidentialOrRestrictedProduct(Classification classification) {
        DataProductContract contract = DataProductContract.newBuilder(Samples.contract("customer-analytics.lifecycle-stage"))
                .setClassification(classification).build();

        assertThat(rule.check(contract)).isEmpty();
    }

    @Test
    void acceptsAPublicProductWithoutPii() {
        DataProductContract contract = DataProductContract.newBuilder(Samples.contract("content.engagement-metrics"))
                .setClassification(Classification.PUBLIC)
                .setFields(List.of(Samples.field("page_views", false, true))).build();

        assertThat(rule.check(contract)).isEmpty();
    }

    @Test
    void rejectsAPiiFieldThatDeclaresAClassificationBelowConfidential() {
        FieldSpec email = FieldSpec.newBuilder(Samples.field("email", true, false)).setClassification(Classification.INTERNAL).build();
        DataProductContract contract = DataProductContract.newBuilder(Samples.contract("email.send-engagement"))
                .setFields(List.of(email)).build();

        assertThat(rule.check(contract)).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("pii field 'email'").contains("INTERNAL"));
    }
}
