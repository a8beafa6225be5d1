package io.meshwarden.governance.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.OutputPort;
import io.meshwarden.avro.ProductStatus;
import io.meshwarden.avro.Severity;
import io.meshwarden.governance.CatalogView;
import io.meshwarden.governance.ContractContext;
import io.meshwarden.governance.Finding;
import io.meshwarden.governance.lifecycle.Deprecation;
import io.meshwarden.schemas.Samples;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The notice period between a deprecation and its sunset, and retiring over the consumer groups that still read. */
class DeprecationLifecycleRulesTest {
    private static final String PRODUCT = "paid-media.campaign-performance";
    private static final Instant TODAY = Instant.parse("2027-01-01T10:00:00Z");
    private final DeprecationNoticeRule notice = new DeprecationNoticeRule("lifecycle.deprecation-notice", Severity.BLOCKING, 30);
    private final LifecycleRule lifecycle = new LifecycleRule("lifecycle.end-of-life", Severity.BLOCKING);

    @Test
    void refusesADeprecationWhoseSunsetIsSoonerThanTheMinimumNotice() {
        DataProductContract deprecated = deprecated(v1(), "2027-01-10");

        assertThat(notice.check(new ContractContext(deprecated, v1(), CatalogView.EMPTY, TODAY))).singleElement()
                .extracting(Finding::message).isEqualTo("sunset 2027-01-10 of " + PRODUCT + " is 9 days after 2027-01-01;"
                        + " the minimum notice is 30 days: 2027-01-31 or later");
    }

    @Test
    void acceptsADeprecationWithExactlyTheMinimumNotice() {
        assertThat(notice.check(new ContractContext(deprecated(v1(), "2027-01-31"), v1(), CatalogView.EMPTY, TODAY))).isEmpty();
    }

    @Test
    void refusesMovingTheSunsetOfADeprecatedProductEarlierThanTheNoticeAllowsButNotLater() {
        DataProductContract before = deprecated(v1(), "2027-06-30");

        assertThat(notice.check(new ContractContext(deprecated(before, "2027-01-15"), before, CatalogView.EMPTY, TODAY)))
                .extracting(Finding::ruleId).containsExactly("lifecycle.deprecation-notice");
        DataProductContract justBeforeSunset = deprecated(v1(), "2027-01-05");
        assertThat(notice.check(new ContractContext(deprecated(justBeforeSunset, "2027-02-05"), justBeforeSunset, CatalogView.EMPTY,
                TODAY))).as("a later sunset gives more notice, never less").isEmpty();
    }

    @Test
    void aNewMajorVersionAnnouncesTheSunsetOfThePreviousMajorAtLeastTheMinimumNoticeAhead() {
        assertThat(notice.check(new ContractContext(v2(null), v1(), CatalogView.EMPTY, TODAY))).singleElement()
                .extracting(Finding::message).asString().contains("does not announce when major 1 sunsets")
                .contains(Deprecation.PREVIOUS_MAJOR_SUNSET).contains("2027-01-31 or later");
        assertThat(notice.check(new ContractContext(v2("2027-01-20"), v1(), CatalogView.EMPTY, TODAY))).singleElement()
                .extracting(Finding::message).asString().startsWith("sunset 2027-01-20 of major 1 of " + PRODUCT)
                .contains("19 days after 2027-01-01");
        assertThat(notice.check(new ContractContext(v2("soon"), v1(), CatalogView.EMPTY, TODAY))).singleElement()
                .extracting(Finding::message).asString().contains("is not an ISO-8601 date");
        assertThat(notice.check(new ContractContext(v2("2027-03-01"), v1(), CatalogView.EMPTY, TODAY))).isEmpty();
    }

    @Test
    void findsNothingWhenAContractIsJudgedAgainstItself() {
        DataProductContract deprecated = deprecated(v1(), "2027-01-02");
        assertThat(notice.check(new ContractContext(deprecated, deprecated, CatalogView.EMPTY, TODAY))).isEmpty();
        assertThat(notice.check(new ContractContext(v2(null), v2(null), CatalogView.EMPTY, TODAY))).isEmpty();
    }

    @Test
    void refusesRetiringWhileConsumerGroupsReadItsTopicsUnlessAReasonIsGiven() {
        DataProductContract retired = DataProductContract.newBuilder(v1()).setVersion("1.1.0").setStatus(ProductStatus.RETIRED).build();
        CatalogView readers = new CatalogView() {
            @Override
            public List<String> activeConsumersOf(String productId) {
                return List.of();
            }

            @Override
            public List<String> readersOf(String topic) {
                return topic.equals(PRODUCT + ".v1") ? List.of("marketing-ops-dashboard", "customer-analytics.attribution-loader") : List.of();
            }
        };

        assertThat(lifecycle.check(new ContractContext(retired, v1(), readers, TODAY))).singleElement().extracting(Finding::message)
                .isEqualTo("product " + PRODUCT + " cannot retire while consumer groups read its topics: "
                        + "[customer-analytics.attribution-loader, marketing-ops-dashboard]; to retire it anyway, say why in property "
                        + Deprecation.OVERRIDE_REASON);
        DataProductContract overridden = withProperty(retired, Deprecation.OVERRIDE_REASON, "dashboard migrated, loader is a leftover");
        assertThat(lifecycle.check(new ContractContext(overridden, v1(), readers, TODAY))).isEmpty();
        assertThat(lifecycle.check(new ContractContext(withProperty(retired, Deprecation.OVERRIDE_REASON, "  "), v1(), readers, TODAY)))
                .as("a blank reason is no reason").hasSize(1);
        assertThat(lifecycle.check(new ContractContext(retired, v1(), CatalogView.EMPTY, TODAY))).isEmpty();
    }

    @Test
    void theSupersededMajorStaysAsADeprecatedProductOfItsOwn() {
        DataProductContract superseded = Deprecation.superseded(v1(), v2("2027-03-01"), 1, java.time.LocalDate.parse("2027-03-01"));

        assertThat(superseded.getId()).isEqualTo(PRODUCT + "@v1");
        assertThat(superseded.getStatus()).isEqualTo(ProductStatus.DEPRECATED);
        assertThat(superseded.getSunsetDate()).isEqualTo("2027-03-01");
        assertThat(superseded.getSuccessor()).isEqualTo(PRODUCT);
        assertThat(superseded.getOutputPorts()).extracting(OutputPort::getTopic).containsExactly(PRODUCT + ".v1");
        assertThat(Deprecation.isSuperseded(superseded.getId())).isTrue();
        assertThat(Deprecation.productOf(superseded.getId())).isEqualTo(PRODUCT);
        assertThat(Deprecation.supersededMajor(v1(), DataProductContract.newBuilder(v1()).setVersion("1.2.0").build())).isEmpty();
        assertThat(Deprecation.supersededMajor(deprecated(v1(), "2027-03-01"), v2(null))).as("only an active version is superseded")
                .isEmpty();
    }

    private static DataProductContract v1() {
        return Samples.contract(PRODUCT);
    }

    private static DataProductContract v2(String previousMajorSunset) {
        DataProductContract v2 = DataProductContract.newBuilder(v1()).setVersion("2.0.0")
                .setOutputPorts(List.of(new OutputPort("stream", PRODUCT + ".v2", "avro", null))).build();
        return previousMajorSunset == null ? v2 : withProperty(v2, Deprecation.PREVIOUS_MAJOR_SUNSET, previousMajorSunset);
    }

    private static DataProductContract deprecated(DataProductContract contract, String sunset) {
        return DataProductContract.newBuilder(contract).setVersion(contract.getVersion().equals("1.0.0") ? "1.1.0" : "1.2.0")
                .setStatus(ProductStatus.DEPRECATED).setSunsetDate(sunset).setSuccessor(PRODUCT + "-next").build();
    }

    private static DataProductContract withProperty(DataProductContract contract, String key, String value) {
        Map<String, String> properties = new HashMap<>(contract.getProperties());
        properties.put(key, value);
        return DataProductContract.newBuilder(contract).setProperties(properties).build();
    }
}
