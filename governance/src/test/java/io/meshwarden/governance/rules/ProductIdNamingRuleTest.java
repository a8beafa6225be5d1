package io.meshwarden.governance.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.Severity;
import io.meshwarden.avro.ViolationCategory;
import io.meshwarden.schemas.Samples;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProductIdNamingRuleTest {
    private final ProductIdNamingRule rule = new ProductIdNamingRule("naming.product-id", Severity.BLOCKING);

    @ParameterizedTest
    @ValueSource(strings = {"paid-media.campaign-performance", "email.send-engagement", "social.post-reach-2"})
    void acceptsLowerKebabDomainDotProduct(String productId) {
        assertThat(rule.check(Samples.contract(productId))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Paid-Media.CampaignPerformance", "paid_media.campaign", "paid-media", "paid-media.campaign.daily",
            "paid-media.-campaign", "paid-media.campaign-"})
    void rejectsIdsThatAreNotLowerKebabDomainDotProduct(String productId) {
        DataProductContract contract = DataProductContract.newBuilder(Samples.contract("paid-media.campaign-performance"))
                .setId(productId).build();

        assertThat(rule.check(contract)).singleElement().satisfies(f -> {
            assertThat(f.category()).isEqualTo(ViolationCategory.NAMING);
            assertThat(f.message()).contains(productId).contains("lower-case kebab");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"email"})
    void rejectsAnIdWhoseDomainIsNotTheContractsDomain(String otherDomain) {
        DataProductContract contract = DataProductContract.newBuilder(Samples.contract("paid-media.campaign-performance"))
                .setDomain(otherDomain).build();

        assertThat(rule.check(contract)).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("must start with its domain 'email'"));
    }
}
