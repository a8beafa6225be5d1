package io.meshwarden.governance.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshwarden.avro.PolicySet;
import io.meshwarden.governance.odcs.OdcsImport;
import io.meshwarden.governance.odcs.OdcsImporter;
import io.meshwarden.governance.policy.InvalidPolicyException;
import io.meshwarden.governance.policy.PolicyCompiler;
import io.meshwarden.governance.policy.PolicySetYaml;
import io.meshwarden.governance.yaml.YamlFileException;
import io.meshwarden.schemas.hostile.HostileStrings;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Hostile strings in the documents teams and stewards write: an ODCS contract whose name,
 * description, property names, descriptions and quality pattern are hostile, and a policy set whose
 * ids, descriptions, parameters and CEL expression are. Each is read (the text kept exactly, never
 * repaired) or refused with the file and line, or its rule refused naming it; nothing else escapes.
 * Strings are written as JSON scalars, which YAML reads as they are.
 */
class HostileDocumentsPropertiesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Writes YAML with its own escapes, so that what is read back is exactly the string generated. */
    private static final ObjectMapper YAML = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper();

    @Provide
    Arbitrary<String> hostile() {
        return HostileStrings.bounded().map(text -> new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
    }

    @Property(tries = 200)
    void anOdcsContractWithHostileStringsImportsOrIsRefusedWithItsLine(@ForAll("hostile") String text) throws Exception {
        ObjectNode document = JSON.createObjectNode().put("apiVersion", "v3.1.0").put("kind", "DataContract").put("id", "c-1")
                .put("name", text).put("version", "1.0.0").put("status", "active").put("domain", "paid-media")
                .put("dataProduct", "campaign-performance");
        document.putObject("description").put("purpose", text);
        ObjectNode property = document.putArray("schema").addObject().put("name", "Perf")
                .put("physicalName", "paid-media.campaign-performance.v1").putArray("properties").addObject()
                .put("name", text).put("logicalType", "string").put("description", text);
        property.putArray("quality").addObject().put("metric", "invalidValues").put("mustBe", 0)
                .putObject("arguments").put("pattern", text);
        try {
            OdcsImport imported = OdcsImporter.importContract("hostile.odcs.yaml", YAML.writeValueAsString(document), null);
            if (!text.isBlank()) {
                assertThat(imported.contract().getDescription()).as("kept exactly").isEqualTo(text);
            }
        } catch (YamlFileException refused) {
            assertThat(refused.getMessage()).startsWith("hostile.odcs.yaml:");
        }
    }

    @Property(tries = 200)
    void aPolicySetWithHostileStringsIsReadOrRefusedNamingWhy(@ForAll("hostile") String text) throws Exception {
        ObjectNode set = JSON.createObjectNode().put("id", "global").put("version", "2.0.0").put("scope", "global");
        var rules = set.putArray("rules");
        rules.addObject().put("id", text).put("kind", "field-naming").put("severity", "warning").put("description", text)
                .putObject("parameters").put("pattern", text);
        rules.addObject().put("id", "cel.hostile").put("kind", "cel").put("severity", "warning").put("expression", text);
        try {
            PolicySet parsed = PolicySetYaml.parse("hostile-policy.yaml", YAML.writeValueAsString(set));
            assertThat(parsed.getRules().get(0).getDescription()).isEqualTo(text);
            try {
                PolicyCompiler.compile(parsed);
            } catch (InvalidPolicyException refused) {
                assertThat(refused.getMessage()).as("names the rule").contains("rule");
            }
        } catch (YamlFileException | InvalidPolicyException refused) {
            assertThat(refused.getMessage()).isNotBlank();
        }
    }
}
