package io.meshwarden.governance.odcs;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.governance.interop.FieldDeclarations;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ODCS v3.1 relationships and a property's semanticType and unit become the contract's interop.* properties. */
class OdcsRelationshipsTest {
    private static final String DOCUMENT = """
            apiVersion: v3.1.0
            kind: DataContract
            id: customer-analytics-attribution
            name: attribution
            version: 1.0.0
            status: active
            domain: customer-analytics
            schema:
              - name: Attribution
                physicalName: customer-analytics.attribution.v1
                relationships:
                  - type: foreignKey
                    from: Attribution.campaign_id
                    to: paid-media.campaign-performance.odcs.yaml#/schema/campaign_performance/properties/campaign_id
                properties:
                  - name: campaign_id
                    logicalType: string
                    description: campaign
                  - name: crm_key
                    logicalType: string
                    description: customer
                    relationships:
                      - to: contracts/crm.customers.odcs.yaml#/schema/customers/properties/customer_id
                      - to: Attribution.campaign_id
                    customProperties:
                      - property: semanticType
                        value: customer_id
                  - name: spend
                    logicalType: integer
                    physicalType: long
                    description: spend
                    customProperties:
                      - property: unit
                        value: micros
                      - property: colour
                        value: red
            """;

    @Test
    void relationshipsToOtherProductsAndFieldDeclarationsBecomeInteropProperties() {
        OdcsImport imported = OdcsImporter.importContract("attribution.odcs.yaml", DOCUMENT, null);

        assertThat(imported.contract().getProperties())
                .containsEntry(FieldDeclarations.REFERENCES + "campaign_id", "paid-media.campaign-performance.campaign_id")
                .containsEntry(FieldDeclarations.REFERENCES + "crm_key", "crm.customers.customer_id")
                .containsEntry(FieldDeclarations.SEMANTIC_TYPE + "crm_key", "customer_id")
                .containsEntry(FieldDeclarations.UNIT + "spend", "micros");
        assertThat(new FieldDeclarations(imported.contract()).references(new java.util.ArrayList<>()))
                .extracting(FieldDeclarations.Reference::target)
                .containsExactlyInAnyOrder("paid-media.campaign-performance.campaign_id", "crm.customers.customer_id");
        List<String> warnings = imported.warnings();
        assertThat(warnings).anySatisfy(w -> assertThat(w).startsWith("$.schema[0].properties[1].relationships (Attribution.campaign_id)"
                + " does not name another product's contract"));
        assertThat(warnings).anySatisfy(w -> assertThat(w).startsWith("$.schema[0].properties[2].customProperties[1] (colour)"
                + " has no place on a field"));
    }
}
