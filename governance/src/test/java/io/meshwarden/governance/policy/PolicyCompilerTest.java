package io.meshwarden.governance.policy;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwarden.avro.PolicyRule;
import io.meshwarden.avro.PolicyScope;
import io.meshwarden.avro.PolicySet;
import io.meshwarden.avro.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyCompilerTest {

    @Test
    void refusesARuleIdHoldingTheViolationIdSeparator() {
        // A set published straight to the topic (not through the YAML reader) meets the same check.
        PolicySet set = PolicySet.newBuilder().setId("global").setVersion("1.0.0").setScope(PolicyScope.GLOBAL)
                .setDomain(null).setPublishedAt(Instant.parse("2026-11-25T09:00:00Z"))
                .setRules(List.of(PolicyRule.newBuilder().setId("owner/steward").setKind("ownership")
                        .setSeverity(Severity.BLOCKING).setDescription("owners").setParameters(Map.of()).build()))
                .build();

        assertThatThrownBy(() -> PolicyCompiler.compile(set))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("policy set 'global': rule id 'owner/steward' must not hold '/', which separates the parts"
                        + " of violation and alert ids");
    }
}
