package io.meshwarden.governance.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.Ownership;
import io.meshwarden.avro.Severity;
import io.meshwarden.governance.Finding;
import io.meshwarden.schemas.Samples;
import org.junit.jupiter.api.Test;

class OwnershipRuleTest {
    private final OwnershipRule rule = new OwnershipRule("metadata.ownership", Severity.BLOCKING);

    @Test
    void acceptsAContractWithTeamAndStewardEmail() {
        assertThat(rule.check(Samples.contract("email.send-engagement"))).isEmpty();
    }

    @Test
    void reportsAMissingTeamAndAMissingStewardSeparately() {
        assertThat(rule.check(withOwner(null, " "))).extracting(Finding::message)
                .containsExactly("product email.send-engagement has no owner team", "product email.send-engagement has no steward");
    }

    @Test
    void rejectsAStewardThatIsNotAnEmailAddress() {
        assertThat(rule.check(withOwner("lifecycle", "Jane Doe"))).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("'Jane Doe'").contains("not an e-mail address"));
    }

    private static DataProductContract withOwner(String team, String steward) {
        return DataProductContract.newBuilder(Samples.contract("email.send-engagement"))
                .setOwner(Ownership.newBuilder().setTeam(team).setSteward(steward).build()).build();
    }
}
