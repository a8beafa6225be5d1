package io.meshwarden.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BrokerSecurityTest {

    @Test
    void theBrokerAdminAndTheNamedServicesAreTheOnlySuperUsers() {
        BrokerSecurity users = BrokerSecurity.generated(List.of("quality-streams"), List.of("paid-media"));

        assertThat(users.superUsersSetting()).isEqualTo("User:embedded-broker;User:admin;User:quality-streams");
        assertThat(users.passwords()).containsOnlyKeys("admin", "quality-streams", "paid-media");
        assertThat(users.password("paid-media")).isNotEqualTo(users.password("admin")).hasSizeGreaterThanOrEqualTo(20);
    }

    @Test
    void theClientListenerTakesScramAndTheAuthorizerDeniesWhatNoAclAllows() {
        Map<String, String> props = BrokerSecurity.generated(List.of(), List.of("paid-media")).brokerProperties(9092, 9093, "pw");

        assertThat(props).containsEntry("listener.name.sasl_plaintext.sasl.enabled.mechanisms", "SCRAM-SHA-512,PLAIN")
                .containsEntry("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                .containsEntry("allow.everyone.if.no.acl.found", "false")
                .containsEntry("listener.security.protocol.map", "SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT");
        assertThat(props.get("listener.name.controller.plain.sasl.jaas.config")).doesNotContain("paid-media");
    }

    @Test
    void refusesNamesAndPasswordsThatWouldBreakTheJaasLines() {
        assertThatThrownBy(() -> new BrokerSecurity(Set.of(), Map.of("bad\"name", "pw"))).hasMessageContaining("user names");
        assertThatThrownBy(() -> new BrokerSecurity(Set.of(), Map.of("ok", "p\"w"))).hasMessageContaining("quotes");
        assertThatThrownBy(() -> new BrokerSecurity(Set.of("root"), Map.of())).hasMessageContaining("root");
        assertThatThrownBy(() -> new BrokerSecurity(Set.of(), Map.of(BrokerSecurity.BROKER_USER, "pw")))
                .hasMessageContaining("broker's own");
    }
}
