package io.meshwarden.governance.interop;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.FieldSpec;
import io.meshwarden.governance.ContractContext;
import io.meshwarden.governance.Finding;
import io.meshwarden.governance.GovernanceEngine;
import io.meshwarden.governance.policy.PolicyCompiler;
import io.meshwarden.governance.policy.PolicySetYaml;
import io.meshwarden.schemas.Samples;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A global set with the interoperability rules only, and contracts whose fields are given as Avro field JSON. */
final class InteropFixtures {
    static final String SET = """
            id: global
            version: 1.0.0
            scope: global
            rules:
              - id: interop.standards
                kind: interop-standards
                severity: blocking
                parameters:
                  dimensions:
                    customer_id: {type: string, pattern: "C[0-9]{8}", meaning: CRM customer key, aliases: [cust_id]}
                    currency: {type: string, pattern: "[A-Z]{3}", meaning: ISO 4217 currency code}
                    country: {type: string, pattern: "[A-Z]{2}", meaning: ISO 3166-1 alpha-2 country code}
                    event_time: {type: long, logicalType: timestamp-millis, meaning: "When the event happened, UTC"}
                  metrics:
                    spend_micros: {type: long, unit: micros, definition: Media spend in millionths of the account currency}
              - id: interop.relationships
                kind: relationships
                severity: blocking
            """;
    static final GovernanceEngine ENGINE = PolicyCompiler.compile(PolicySetYaml.parse("global.yaml", SET));

    private InteropFixtures() {
    }

    /** A contract of {@code productId} whose schema has these fields ({@code "name": Avro type JSON}), each described "the name". */
    static DataProductContract contract(String productId, Map<String, String> fields, Map<String, String> properties) {
        List<String> avro = new ArrayList<>();
        List<FieldSpec> specs = new ArrayList<>();
        fields.forEach((name, type) -> {
            avro.add("{\"name\":\"" + name + "\",\"type\":" + type + "}");
            specs.add(Samples.field(name, false, true));
        });
        return DataProductContract.newBuilder(Samples.contract(productId))
                .setProductSchema("{\"type\":\"record\",\"name\":\"R\",\"fields\":[" + String.join(",", avro) + "]}")
                .setFields(specs).setProperties(new HashMap<>(properties)).build();
    }

    static List<Finding> findings(DataProductContract contract) {
        return ENGINE.evaluate(ContractContext.of(contract)).findings();
    }
}
