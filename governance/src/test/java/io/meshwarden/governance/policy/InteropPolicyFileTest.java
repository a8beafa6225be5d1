package io.meshwarden.governance.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwarden.avro.PolicySet;
import io.meshwarden.governance.yaml.YamlFileException;
import org.junit.jupiter.api.Test;

/** An interop-standards rule that does not say what it means is refused at the line of its parameter; domains may add standards, never change one. */
class InteropPolicyFileTest {
    private static final String HEADER = "id: global\nversion: 1.0.0\nscope: global\nrules:\n"
            + "  - id: interop.standards\n    kind: interop-standards\n    severity: blocking\n    parameters:\n"
            + "      dimensions:\n        currency:\n";

    private static PolicySet global(String currency) {
        return PolicySetYaml.parse("global.yaml", HEADER + currency);
    }

    @Test
    void readsEveryStandardOfTheShippedSet() {
        PolicySet shipped = ShippedPoliciesTest.shippedLayers().global();

        assertThat(shipped.getRules()).filteredOn(r -> r.getKind().equals("interop-standards")).singleElement()
                .satisfies(rule -> assertThat(rule.getParameters()).containsEntry("dimensions.currency.pattern", "[A-Z]{3}")
                        .containsEntry("dimensions.customer_id.aliases", "cust_id,crm_id,client_id")
                        .containsEntry("metrics.spend_micros.unit", "micros"));
    }

    @Test
    void aPatternThatDoesNotCompileIsReportedAtItsLine() {
        assertThatThrownBy(() -> global("          type: string\n          pattern: \"[A-Z\"\n"))
                .isInstanceOf(YamlFileException.class).hasMessageStartingWith("global.yaml:12: ")
                .hasMessageContaining("rule 'interop.standards': parameter 'dimensions.currency.pattern'");
    }

    @Test
    void anUnknownTypeOrAttributeIsReportedAtItsLine() {
        assertThatThrownBy(() -> global("          type: money\n"))
                .isInstanceOf(YamlFileException.class).hasMessageStartingWith("global.yaml:11: ")
                .hasMessageContaining("parameter 'dimensions.currency.type': 'money' is not an Avro primitive type");
        assertThatThrownBy(() -> global("          type: string\n          meanin: ISO 4217\n"))
                .isInstanceOf(YamlFileException.class).hasMessageStartingWith("global.yaml:12: ")
                .hasMessageContaining("unknown parameter 'dimensions.currency.meanin'");
        assertThatThrownBy(() -> global("          logicalType: timestamp-nanos\n"))
                .isInstanceOf(YamlFileException.class).hasMessageStartingWith("global.yaml:11: ")
                .hasMessageContaining("'timestamp-nanos' is not an Avro logical type");
    }

    @Test
    void aDomainMayAddStandardsButNotChangeOne() {
        PolicySet global = global("          type: string\n          pattern: \"[A-Z]{3}\"\n");
        String domain = "id: paid-media\nversion: 1.0.0\nscope: domain\ndomain: paid-media\nrules:\n"
                + "  - id: interop.standards\n    kind: interop-standards\n    severity: blocking\n    parameters:\n"
                + "      dimensions:\n";

        PolicySet adds = PolicySetYaml.parse("paid-media.yaml", domain + "        ad_group_id:\n          type: string\n");
        PolicySet changes = PolicySetYaml.parse("paid-media.yaml", domain + "        currency:\n          pattern: \"[a-z]{3}\"\n");

        assertThat(PolicyLayering.conflicts(global, adds)).isEmpty();
        assertThat(PolicyLayering.conflicts(global, changes)).singleElement().asString()
                .contains("parameter dimensions.currency.pattern is '[a-z]{3}' where the global rule has '[A-Z]{3}'");
    }
}
