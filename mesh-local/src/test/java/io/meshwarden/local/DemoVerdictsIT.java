package io.meshwarden.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwarden.avro.Decision;
import io.meshwarden.avro.Violation;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.events.DataProductPublisher;
import io.meshwarden.events.PolicySetOutcome;
import io.meshwarden.cli.Meshwarden;
import io.meshwarden.kafka.embedded.EmbeddedKafka;
import io.meshwarden.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwarden.kafka.embedded.TopicTail;
import io.meshwarden.quality.QualityStreams;
import io.meshwarden.schemas.EventCodec;
import io.meshwarden.schemas.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's contracts (Meshwarden YAML, and the two authored as ODCS documents) and policy sets get
 * the same verdicts from `meshwarden validate` (offline, on the very files the demo publishes) as
 * from the running governance pipeline: same outcome, same rules, same policy sets.
 */
@EmbeddedKafka
class DemoVerdictsIT {
    private static final String[] ODCS_FILES = {"odcs/paid-media.campaign-performance.odcs.yaml",
            "odcs/email.send-engagement.odcs.yaml"};
    private static final List<String> ODCS_PRODUCTS = List.of("paid-media.campaign-performance", "email.send-engagement");

    @Test
    void validateAgreesWithTheRunningPipelineOnEveryDemoProduct(EmbeddedKafkaBroker broker, @TempDir Path stateDir)
            throws Exception {
        MeshwardenConfig config = MeshwardenConfig.defaults(Map.of(
                Settings.BOOTSTRAP_SERVERS.key(), broker.bootstrapServers(),
                Settings.STATE_DIR.key(), stateDir.toString(),
                Settings.TOPIC_PREFIX.key(), "verdicts.",
                Settings.APPLICATION_ID_PREFIX.key(), "verdicts"));
        Map<String, String> pipeline = new TreeMap<>();
        try (QualityStreams app = QualityStreams.start(config);
             DataProductPublisher publisher = DataProductPublisher.create(config, "verdicts-it");
             TopicTail tail = TopicTail.of(config.bootstrapServers(), config.topics().name(Topics.DECISIONS))) {
            assertThat(publisher.publishPolicySetsAndAwait(DemoProducts.policySets(), Duration.ofSeconds(60)))
                    .hasSize(DemoProducts.policySets().size()).allMatch(PolicySetOutcome::inForce);
            DemoProducts.all().forEach(contract -> publisher.publishContract(contract, "it"));
            publisher.flush();
            await().atMost(Duration.ofSeconds(60)).until(() -> tail.poll(config.topics().name(Topics.DECISIONS)).size()
                    == DemoProducts.all().size());
            tail.poll(config.topics().name(Topics.DECISIONS)).forEach(record -> {
                Decision decision = EventCodec.of(Decision.class).decode(record.value());
                pipeline.put(decision.getProductId(), summary(decision.getOutcome().name(), decision.getPolicySets(),
                        decision.getViolations().stream().map(Violation::getRuleId).toList()));
            });
        }

        List<String> validate = new ArrayList<>(List.of("validate", "--format", "json", "--policies", "../policies"));
        DemoProducts.files().forEach(file -> validate.add("src/main/resources/demo/contracts/" + file));
        StringWriter out = new StringWriter();
        int exit = Meshwarden.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true),
                validate.toArray(String[]::new));
        Map<String, String> offline = new TreeMap<>();
        for (String line : out.toString().strip().split("\n")) {
            JsonNode verdict = new ObjectMapper().readTree(line);
            List<String> sets = new ArrayList<>();
            verdict.get("policySets").forEach(s -> sets.add(s.asText()));
            List<String> rules = new ArrayList<>();
            verdict.get("violations").forEach(v -> rules.add(v.get("ruleId").asText()));
            offline.put(verdict.get("productId").asText(), summary(verdict.get("outcome").asText(), sets, rules));
        }

        assertThat(exit).isEqualTo(1);
        assertThat(offline).hasSize(9).isEqualTo(pipeline);
        assertThat(pipeline.get("customer-analytics.lifecycle-stage"))
                .isEqualTo("REJECTED [global@1.1.0, customer-analytics@1.0.0] [classification.pii]");
        // The two products the demo publishes from their ODCS documents, accepted by both.
        assertThat(DemoProducts.files()).contains(ODCS_FILES);
        assertThat(DemoProducts.all()).filteredOn(contract -> ODCS_PRODUCTS.contains(contract.getId()))
                .hasSize(2).allSatisfy(contract -> assertThat(contract.getProperties()).containsKey("odcs.id"));
        assertThat(pipeline.get("paid-media.campaign-performance"))
                .isEqualTo("ACCEPTED [global@1.1.0, paid-media@1.0.0] []");
        assertThat(pipeline.get("email.send-engagement")).isEqualTo("ACCEPTED [global@1.1.0] []");
    }

    private static String summary(String outcome, List<String> policySets, List<String> ruleIds) {
        return outcome + " " + policySets + " " + ruleIds.stream().sorted().toList();
    }
}
