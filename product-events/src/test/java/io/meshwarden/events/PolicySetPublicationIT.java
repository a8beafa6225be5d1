package io.meshwarden.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.avro.PolicyRule;
import io.meshwarden.avro.PolicyScope;
import io.meshwarden.avro.PolicySet;
import io.meshwarden.avro.Severity;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.kafka.embedded.EmbeddedKafka;
import io.meshwarden.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwarden.schemas.Samples;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link DataProductPublisher#publishPolicySetsAndAwait} against a real broker, with a stand-in for
 * governance's admission ({@link StandInAdmission}) that answers on the same topics, in the same way.
 */
@EmbeddedKafka(topics = {"mesh.governance.violations"}, compactedTopics = {"mesh.governance.policies",
        "mesh.governance.policies.in-force"}, partitions = 3)
class PolicySetPublicationIT {
    private static MeshwardenConfig config;
    private static StandInAdmission governance;

    @BeforeAll
    static void startGovernance(EmbeddedKafkaBroker broker) {
        config = MeshwardenConfig.defaults(Map.of(Settings.BOOTSTRAP_SERVERS.key(), broker.bootstrapServers()));
        governance = StandInAdmission.start(config);
    }

    @AfterAll
    static void stopGovernance() {
        governance.close();
    }

    @Test
    void publishesEachSetOnlyAfterTheOneBeforeIsAnsweredAndReportsEveryAnswerInOrder() {
        List<PolicySet> sets = List.of(set("global", PolicyScope.GLOBAL, "1.0.0", "ownership"),
                set("paid-media", PolicyScope.DOMAIN, "1.0.0", "ownership"),
                set(StandInAdmission.REFUSED_PREFIX + "email", PolicyScope.DOMAIN, "1.0.0", "ownership"));

        List<PolicySetOutcome> outcomes = publish(sets, Duration.ofSeconds(30));

        assertThat(outcomes).extracting(PolicySetOutcome::ref)
                .containsExactly("global@1.0.0", "paid-media@1.0.0", "refuse-email@1.0.0");
        assertThat(outcomes.get(0)).isInstanceOf(PolicySetOutcome.InForce.class);
        assertThat(outcomes.get(1)).isInstanceOf(PolicySetOutcome.InForce.class);
        assertThat(outcomes.get(2)).isInstanceOfSatisfying(PolicySetOutcome.Refused.class,
                refused -> assertThat(refused.reason()).isEqualTo("refuse-email@1.0.0 loosens the global set"));
        Instant globalAnswered = governance.answeredAt("global@1.0.0");
        assertThat(governance.receivedAt("paid-media@1.0.0")).isAfter(globalAnswered);
    }

    @Test
    void recognisesAnUnchangedSetAlreadyInForceButNotAChangedOneUnderTheSameVersion() {
        PolicySet original = set("customer-analytics", PolicyScope.DOMAIN, "1.0.0", "ownership");
        assertThat(publish(List.of(original), Duration.ofSeconds(30))).singleElement().matches(PolicySetOutcome::inForce);

        // Governance does not announce an unchanged set again; the in-force topic already holds it.
        assertThat(publish(List.of(original), Duration.ofSeconds(30))).singleElement().matches(PolicySetOutcome::inForce);

        PolicySet changed = set("customer-analytics", PolicyScope.DOMAIN, "1.0.0", "versioning");
        assertThat(publish(List.of(changed), Duration.ofSeconds(30))).singleElement()
                .isInstanceOfSatisfying(PolicySetOutcome.Refused.class,
                        refused -> assertThat(refused.reason()).contains("does not raise the version in force"));
    }

    @Test
    void reportsASetGovernanceNeverAnswersAsUnansweredWhenTheTimeoutRunsOut() {
        PolicySet silent = set(StandInAdmission.SILENT_PREFIX + "social", PolicyScope.DOMAIN, "1.0.0", "ownership");

        assertThat(publish(List.of(silent), Duration.ofSeconds(2))).singleElement()
                .isInstanceOf(PolicySetOutcome.Unanswered.class).matches(outcome -> !outcome.inForce());
    }

    private static List<PolicySetOutcome> publish(List<PolicySet> sets, Duration timeout) {
        try (DataProductPublisher publisher = DataProductPublisher.create(config, "policy-it")) {
            return publisher.publishPolicySetsAndAwait(sets, timeout);
        }
    }

    private static PolicySet set(String id, PolicyScope scope, String version, String ruleKind) {
        PolicyRule rule = PolicyRule.newBuilder().setId("rule." + ruleKind).setKind(ruleKind).setSeverity(Severity.BLOCKING)
                .setDescription(null).setParameters(Map.of()).setExpression(null).build();
        return PolicySet.newBuilder().setId(id).setVersion(version).setScope(scope)
                .setDomain(scope == PolicyScope.GLOBAL ? null : id).setRules(List.of(rule)).setPublishedAt(Samples.T0).build();
    }
}
