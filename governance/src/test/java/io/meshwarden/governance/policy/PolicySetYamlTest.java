package io.meshwarden.governance.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwarden.avro.PolicySet;
import io.meshwarden.avro.Severity;
import io.meshwarden.governance.ContractContext;
import io.meshwarden.governance.Finding;
import io.meshwarden.governance.yaml.YamlFileException;
import io.meshwarden.schemas.Samples;
import org.junit.jupiter.api.Test;

class PolicySetYamlTest {
    private static final String HEADER = "id: global\nversion: 1.0.0\nscope: global\nrules:\n";

    @Test
    void readsRulesWithNestedAndListParameters() {
        PolicySet set = PolicySetYaml.parse("global.yaml", HEADER
                + "  - id: retention\n    kind: retention-ceiling\n    severity: blocking\n    parameters:\n"
                + "      maxDays:\n        confidential: 90\n"
                + "  - id: metadata\n    kind: required-metadata\n    severity: warning\n    parameters:\n      require: [description, tags]\n");

        assertThat(set.getRules().get(0).getParameters()).containsEntry("maxDays.confidential", "90");
        assertThat(set.getRules().get(1).getParameters()).containsEntry("require", "description,tags");
        assertThat(set.getRules().get(1).getSeverity()).isEqualTo(Severity.WARNING);
    }

    @Test
    void namesFileAndLineOfAnUnknownKind() {
        assertThatThrownBy(() -> PolicySetYaml.parse("global.yaml", HEADER
                + "  - id: a\n    kind: ownership\n    severity: blocking\n  - id: b\n    kind: telepathy\n    severity: blocking\n"))
                .isInstanceOf(YamlFileException.class).hasMessageStartingWith("global.yaml:9: $.rules[1].kind: unknown kind 'telepathy'");
    }

    @Test
    void namesFileAndLineOfAMisspelledKeyAndOfBadYaml() {
        assertThatThrownBy(() -> PolicySetYaml.parse("p.yaml", HEADER + "  - id: a\n    kind: ownership\n    severity: blocking\n    sevrity: x\n"))
                .hasMessageStartingWith("p.yaml:8: $.rules[0].sevrity: unknown key 'sevrity'");
        assertThatThrownBy(() -> PolicySetYaml.parse("p.yaml", HEADER + "  - id: [unclosed\n"))
                .isInstanceOf(YamlFileException.class).hasMessageStartingWith("p.yaml:6: not valid YAML");
    }

    @Test
    void namesTheLineOfAMalformedParameter() {
        assertThatThrownBy(() -> PolicySetYaml.parse("p.yaml", HEADER
                + "  - id: pii\n    kind: pii-classification\n    severity: blocking\n    parameters:\n      minimum: secret\n"))
                .hasMessageStartingWith("p.yaml:9:").hasMessageContaining("rule 'pii': parameter 'minimum'");
    }

    @Test
    void aCelRuleThatFailsAtEvaluationYieldsAFindingNamingTheRule() {
        PolicySet set = PolicySetYaml.parse("p.yaml", HEADER
                + "  - id: cel.missing-key\n    kind: cel\n    severity: warning\n    expression: \"contract.properties['absent'] == 'x'\"\n");

        Finding finding = PolicyCompiler.compile(set).evaluate(ContractContext.of(Samples.contract("paid-media.x"))).findings().get(0);
        assertThat(finding.ruleId()).isEqualTo("cel.missing-key");
        assertThat(finding.message()).contains("could not be evaluated");
    }
}
