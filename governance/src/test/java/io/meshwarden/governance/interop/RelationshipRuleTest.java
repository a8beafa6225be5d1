package io.meshwarden.governance.interop;

import static io.meshwarden.governance.interop.InteropFixtures.ENGINE;
import static io.meshwarden.governance.interop.InteropFixtures.contract;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.ProductStatus;
import io.meshwarden.governance.CatalogView;
import io.meshwarden.governance.ContractContext;
import io.meshwarden.governance.Finding;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RelationshipRuleTest {
    private static final String DEPENDENT = "customer-analytics.attribution";
    private static final String REFERENCED = "paid-media.campaign-performance";
    private static final DataProductContract ATTRIBUTION = contract(DEPENDENT, Map.of("campaign_id", "\"string\"",
            "clicks", "\"long\""), Map.of("interop.references.campaign_id", REFERENCED + ".campaign_id"));

    private static List<Finding> judged(DataProductContract contract, DataProductContract... catalog) {
        CatalogView view = new CatalogView() {
            @Override
            public List<String> activeConsumersOf(String productId) {
                return List.of();
            }

            @Override
            public Optional<DataProductContract> product(String productId) {
                return List.of(catalog).stream().filter(c -> c.getId().equals(productId)).findFirst();
            }

            @Override
            public boolean knowsProducts() {
                return true;
            }
        };
        return ENGINE.evaluate(new ContractContext(contract, null, view)).findings();
    }

    private static DataProductContract referenced(String campaignIdType, ProductStatus status) {
        return DataProductContract.newBuilder(contract(REFERENCED, campaignIdType == null ? Map.of("clicks", "\"long\"")
                : Map.of("campaign_id", campaignIdType, "clicks", "\"long\""), Map.of())).setStatus(status).setVersion("2.0.0").build();
    }

    @Test
    void aReferenceToAnActiveFieldOfTheSameTypeResolves() {
        assertThat(judged(ATTRIBUTION, referenced("\"string\"", ProductStatus.ACTIVE))).isEmpty();
    }

    @Test
    void aReferenceToAFieldTheProductDoesNotHaveIsBroken() {
        assertThat(judged(ATTRIBUTION, referenced(null, ProductStatus.ACTIVE))).extracting(Finding::ruleId, Finding::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("interop.relationship.campaign_id." + REFERENCED + ".campaign_id",
                        "field 'campaign_id' of " + DEPENDENT + " references " + REFERENCED + ".campaign_id, but " + REFERENCED
                                + " 2.0.0 has no field 'campaign_id'"));
    }

    @Test
    void aReferenceToAnUnknownOrInactiveProductIsBroken() {
        assertThat(judged(ATTRIBUTION)).singleElement().extracting(Finding::message).asString()
                .endsWith("but " + REFERENCED + " is not in the catalog");
        assertThat(judged(ATTRIBUTION, referenced("\"string\"", ProductStatus.DEPRECATED))).singleElement()
                .extracting(Finding::message).asString().endsWith("but " + REFERENCED + " 2.0.0 is deprecated, not active");
    }

    @Test
    void aReferenceToAFieldOfAnIncompatibleTypeIsBroken() {
        assertThat(judged(ATTRIBUTION, referenced("\"long\"", ProductStatus.ACTIVE))).singleElement().extracting(Finding::message)
                .asString().endsWith("but " + REFERENCED + ".campaign_id is of type long, which a field of type string cannot hold");
        // Avro's promotions hold: an int field's values fit a long field.
        DataProductContract widening = contract(DEPENDENT, Map.of("clicks", "\"long\""),
                Map.of("interop.references.clicks", REFERENCED + ".clicks"));
        DataProductContract intClicks = contract(REFERENCED, Map.of("clicks", "\"int\""), Map.of());
        assertThat(judged(widening, intClicks)).isEmpty();
    }

    @Test
    void malformedReferencesAreNamedAndOfflineValidationResolvesNothing() {
        DataProductContract malformed = contract(DEPENDENT, Map.of("campaign_id", "\"string\""), Map.of(
                "interop.references.campaign_id", "campaign_id", "interop.references.nothing", "a.b.c", "interop.colour.x", "red"));

        assertThat(judged(malformed)).extracting(Finding::ruleId, Finding::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("interop.properties", DEPENDENT + ": property 'interop.references.campaign_id':"
                        + " 'campaign_id' is not <product id>.<field>; property 'interop.references.nothing' names no field of the"
                        + " contract; unknown property 'interop.colour.x'; known: [interop.semanticType.<field>,"
                        + " interop.unit.<field>, interop.references.<field>]"));
        assertThat(ENGINE.evaluate(ContractContext.of(ATTRIBUTION)).findings()).isEmpty();
    }
}
