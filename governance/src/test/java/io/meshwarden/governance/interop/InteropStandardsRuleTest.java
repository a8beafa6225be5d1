package io.meshwarden.governance.interop;

import static io.meshwarden.governance.interop.InteropFixtures.contract;
import static io.meshwarden.governance.interop.InteropFixtures.findings;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.FieldSpec;
import io.meshwarden.avro.QualityRule;
import io.meshwarden.avro.QualityUnit;
import io.meshwarden.avro.Severity;
import io.meshwarden.avro.ViolationCategory;
import io.meshwarden.governance.Finding;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InteropStandardsRuleTest {
    private static final String PRODUCT = "paid-media.campaign-performance";

    @Test
    void aFieldThatMatchesEveryStandardItUsesHasNoFinding() {
        DataProductContract contract = contract(PRODUCT, Map.of("customer_id", "\"string\"", "currency",
                        "{\"type\":\"enum\",\"name\":\"Currency\",\"symbols\":[\"EUR\",\"USD\"]}",
                        "event_time", "{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}",
                        "spend_micros", "[\"null\",\"long\"]"),
                Map.of("interop.unit.spend_micros", "micros"));

        assertThat(findings(contract)).isEmpty();
    }

    @Test
    void aSharedNameOfAnotherTypeIsATypeViolation() {
        List<Finding> found = findings(contract(PRODUCT, Map.of("customer_id", "\"long\""), Map.of()));

        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("interop.customer_id.type");
            assertThat(f.category()).isEqualTo(ViolationCategory.SCHEMA);
            assertThat(f.severity()).isEqualTo(Severity.BLOCKING);
            assertThat(f.message()).isEqualTo("field 'customer_id' of " + PRODUCT + " is of type long; the shared dimension"
                    + " 'customer_id' (CRM customer key) is of type string");
        });
    }

    @Test
    void aTimestampWithoutItsLogicalTypeIsAFormatViolation() {
        assertThat(findings(contract(PRODUCT, Map.of("event_time", "\"long\""), Map.of())))
                .extracting(Finding::ruleId, Finding::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("interop.event_time.format", "field 'event_time' of " + PRODUCT
                        + " has no logical type; the shared dimension 'event_time' (When the event happened, UTC) is timestamp-millis"));
    }

    @Test
    void valuesThatCannotMatchTheStandardsPatternAreAFormatViolation() {
        DataProductContract lowerCaseSymbols = contract(PRODUCT, Map.of("currency",
                "{\"type\":\"enum\",\"name\":\"Currency\",\"symbols\":[\"eur\"]}"), Map.of());
        DataProductContract declaredValues = DataProductContract.newBuilder(contract(PRODUCT, Map.of("country", "\"string\""),
                Map.of())).setQualityRules(List.of(validValues("country", List.of("DE", "FRA"), null))).build();
        DataProductContract otherPattern = DataProductContract.newBuilder(contract(PRODUCT, Map.of("country", "\"string\""),
                Map.of())).setQualityRules(List.of(validValues("country", List.of(), "[a-z]{2}"))).build();

        assertThat(findings(lowerCaseSymbols)).extracting(Finding::ruleId, Finding::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("interop.currency.format", "field 'currency' of " + PRODUCT
                        + " has symbol 'eur'; the shared dimension 'currency' (ISO 4217 currency code) matches [A-Z]{3}"));
        assertThat(findings(declaredValues)).extracting(Finding::ruleId, Finding::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("interop.country.format", "field 'country' of " + PRODUCT
                        + " declares the valid value 'FRA'; the shared dimension 'country' (ISO 3166-1 alpha-2 country code)"
                        + " matches [A-Z]{2}"));
        assertThat(findings(otherPattern)).extracting(Finding::ruleId).containsExactly("interop.country.format");
    }

    @Test
    void aStandardMetricInAnotherUnitIsAUnitViolation() {
        assertThat(findings(contract(PRODUCT, Map.of("spend_micros", "\"long\""), Map.of("interop.unit.spend_micros", "cents"))))
                .extracting(Finding::ruleId, Finding::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("interop.spend_micros.unit", "field 'spend_micros' of " + PRODUCT
                        + " is in cents; the standard metric 'spend_micros' (Media spend in millionths of the account"
                        + " currency) is in micros"));
    }

    @Test
    void aFieldThatDeclaresASemanticTypeMustMatchIt() {
        DataProductContract conforming = contract(PRODUCT, Map.of("crm_key", "\"string\""),
                Map.of("interop.semanticType.crm_key", "customer_id"));
        DataProductContract mismatching = contract(PRODUCT, Map.of("crm_key", "\"int\""),
                Map.of("interop.semanticType.crm_key", "customer_id"));
        DataProductContract unknown = contract(PRODUCT, Map.of("crm_key", "\"string\""),
                Map.of("interop.semanticType.crm_key", "loyalty_id"));

        assertThat(findings(conforming)).isEmpty();
        assertThat(findings(mismatching)).extracting(Finding::ruleId).containsExactly("interop.customer_id.type.crm_key");
        assertThat(findings(unknown)).extracting(Finding::ruleId, Finding::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("interop.semantic-type.unknown.crm_key", "field 'crm_key' of " + PRODUCT
                        + " declares semantic type 'loyalty_id', which no policy set declares; known: [country, currency,"
                        + " customer_id, event_time, spend_micros]"));
    }

    @Test
    void aNearMissIsAWarningNamingTheStandard() {
        DataProductContract contract = contract(PRODUCT, Map.of("customerId", "\"string\"", "cust_id", "\"string\""), Map.of());

        List<Finding> found = findings(contract);

        assertThat(found).extracting(Finding::ruleId).containsExactlyInAnyOrder("interop.customer_id.near-miss.customerId",
                "interop.customer_id.near-miss.cust_id");
        assertThat(found).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING));
        assertThat(found).filteredOn(f -> f.ruleId().endsWith("customerId")).singleElement().extracting(Finding::message)
                .isEqualTo("field 'customerId' of " + PRODUCT + " looks like the shared dimension 'customer_id' (CRM customer"
                        + " key): name it customer_id, or declare interop.semanticType.customerId: customer_id and match its"
                        + " type, format and unit");
    }

    @Test
    void aFieldDescribedAsTheStandardIsANearMiss() {
        DataProductContract contract = contract(PRODUCT, Map.of("buyer", "\"string\""), Map.of());
        DataProductContract described = DataProductContract.newBuilder(contract).setFields(List.of(FieldSpec.newBuilder()
                .setName("buyer").setDescription("CRM Customer Key").setPii(false).setRequired(true).setClassification(null)
                .build())).build();

        assertThat(findings(contract)).isEmpty();
        assertThat(findings(described)).extracting(Finding::ruleId).containsExactly("interop.customer_id.near-miss.buyer");
    }

    private static QualityRule validValues(String field, List<String> values, String pattern) {
        return QualityRule.newBuilder().setPath("$.schema[0].properties[0].quality[0]").setField(field).setMetric("invalidValues")
                .setOperator("mustBe").setThreshold(0.0).setThresholdHigh(null).setUnit(QualityUnit.ROWS).setValues(values)
                .setPattern(pattern).setDimension(null).setDescription(null).setSeverity(null).setDefinition(null)
                .setEngine(null).build();
    }
}
