package io.meshwarden.sla.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.PolicyScope;
import io.meshwarden.avro.PolicySet;
import io.meshwarden.governance.ContractContext;
import io.meshwarden.governance.contract.ContractYaml;
import io.meshwarden.governance.odcs.OdcsImporter;
import io.meshwarden.governance.policy.PolicyLayers;
import io.meshwarden.governance.policy.PolicySetYaml;
import io.meshwarden.kafka.embedded.EmbeddedKafka;
import io.meshwarden.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwarden.schemas.Topic;
import io.meshwarden.schemas.Topics;
import io.meshwarden.sla.it.SlaService.Answer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documentation of the live catalog ({@code GET /docs/}) and the dry run of a policy change ({@code POST
 * /api/policies/plan}) on one SLA monitor whose catalog holds the demo's accepted products and whose policy
 * topic holds the shipped sets, in force.
 */
@EmbeddedKafka
class DocsAndPlanIT {
    private static final Path DEMO = Path.of("../mesh-local/src/main/resources/demo/contracts");
    private static final Path POLICIES = Path.of("../policies");
    private static SlaService sla;

    @BeforeAll
    static void start(EmbeddedKafkaBroker kafka, @TempDir Path stateDir) throws IOException {
        sla = new SlaService(kafka.bootstrapServers(), stateDir, Map.of());
        List<PolicySet> shipped = PolicySetYaml.readDirectory(POLICIES).stream().map(PolicySetYaml.PolicyFile::set).toList();
        PolicyLayers layers = PolicyLayers.of(shipped.get(0), shipped.stream().filter(s -> s.getScope() == PolicyScope.DOMAIN).toList());
        List<DataProductContract> accepted = demoContracts().stream()
                .filter(c -> layers.evaluate(ContractContext.of(c)).accepted()).toList();
        accepted.forEach(sla::contract);
        Topic<String, PolicySet> inForce = sla.config.topics().topic(Topics.POLICIES_IN_FORCE);
        kafka.createTopic(inForce.name(), 1, true);
        try (KafkaProducer<String, PolicySet> producer = new KafkaProducer<>(sla.config.producerProperties("docs-it-policies"),
                inForce.keySerde().serializer(), inForce.valueSerde().serializer())) {
            shipped.forEach(set -> producer.send(new ProducerRecord<>(inForce.name(), set.getId(), set)));
        }
        sla.awaitJson("/api/contracts", contracts -> contracts.size() == accepted.size());
        assertThat(accepted).hasSize(7);
    }

    @AfterAll
    static void stop() {
        if (sla != null) {
            sla.close();
        }
    }

    @Test
    void servesTheIndexAndAPagePerProductOfTheLiveCatalog() {
        assertThat(sla.get("/docs/").status()).isEqualTo(200);
        String index = sla.text("/docs/");
        assertThat(index).contains("<base href=\"/docs/\">")
                .contains("<a href=\"customer-analytics.attribution.html\">customer-analytics.attribution</a>")
                .doesNotContain("customer-analytics.lifecycle-stage");
        String attribution = sla.text("/docs/customer-analytics.attribution.html");
        assertThat(attribution).contains("<a href=\"paid-media.campaign-performance.html\">paid-media.campaign-performance</a>")
                .contains("meshwarden access request customer-analytics.attribution");
        assertThat(sla.text("/docs/paid-media.campaign-performance.html")).as("downstream in the catalog")
                .contains("<a href=\"customer-analytics.attribution.html\">customer-analytics.attribution</a>");

        Answer unknown = sla.get("/docs/nothing.html");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(sla.anonymous().get("/docs/").status()).isEqualTo(401);
    }

    @Test
    void aPlanOfASetThatAddsARuleListsExactlyTheDemoProductsThatWouldNewlyFail() throws IOException {
        String global = Files.readString(POLICIES.resolve("global.yaml")).replace("version: 1.1.0", "version: 1.2.0")
                + "  - id: lineage.declared\n    kind: cel\n    severity: blocking\n"
                + "    expression: \"size(contract.upstreamProducts) > 0\"\n"
                + "    parameters:\n      category: lifecycle\n      message: the product names no upstream product\n";

        Answer plan = sla.post("/api/policies/plan", "application/yaml", global);

        assertThat(plan.status()).isEqualTo(200);
        JsonNode body = plan.body();
        assertThat(body.get("inForce")).extracting(JsonNode::asText)
                .containsExactly("global@1.1.0", "customer-analytics@1.0.0", "paid-media@1.0.0");
        assertThat(body.get("proposed").asText()).isEqualTo("global@1.2.0");
        assertThat(body.get("catalogued").asInt()).isEqualTo(7);
        List<String> newlyFailing = new ArrayList<>();
        body.get("owners").forEach(owner -> owner.get("products").forEach(p -> {
            assertThat(p.get("effect").asText()).isEqualTo("newly-fails");
            assertThat(p.get("findings")).extracting(f -> f.get("ruleId").asText()).containsExactly("lineage.declared");
            newlyFailing.add(p.get("productId").asText());
        }));
        assertThat(newlyFailing).containsExactlyInAnyOrder("content.engagement-metrics", "email.send-engagement",
                "marketing-ops.lead-routing", "paid-media.ad-spend-pacing", "paid-media.campaign-performance", "social.post-reach");
        assertThat(body.at("/owners/3/team").asText()).isEqualTo("paid-media-team");
        assertThat(body.at("/owners/3/steward").asText()).isEqualTo("steward@paid-media.example.com");
        assertThat(body.at("/counts/newlyFail").asInt()).isEqualTo(6);
    }

    @Test
    void aSetThatDoesNotReadIsRefusedNamingItsLine() {
        Answer bad = sla.post("/api/policies/plan", "application/yaml",
                "id: global\nversion: 1.1.0\nscope: global\nrules:\n  - id: a\n    kind: telepathy\n    severity: blocking\n");

        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().get("field").asText()).isEqualTo("body");
        assertThat(bad.body().get("error").asText()).startsWith("line 6: $.rules[0].kind: unknown kind 'telepathy'");

        Answer loosening = sla.post("/api/policies/plan", "text/plain", "id: social\nversion: 1.0.0\nscope: domain\ndomain: social\n"
                + "rules:\n  - id: classification.pii\n    kind: pii-classification\n    severity: blocking\n"
                + "    parameters:\n      minimum: internal\n");
        assertThat(loosening.status()).isEqualTo(400);
        assertThat(loosening.body().get("error").asText()).startsWith("the set would not go in force: ");
    }

    private static List<DataProductContract> demoContracts() throws IOException {
        List<DataProductContract> contracts = new ArrayList<>();
        for (String line : Files.readAllLines(DEMO.resolve("index.txt"))) {
            if (line.isBlank()) {
                continue;
            }
            Path file = DEMO.resolve(line.strip());
            String text = Files.readString(file);
            contracts.addAll(OdcsImporter.recognises(text) ? OdcsImporter.importContract(file.toString(), text, null).contracts()
                    : List.of(ContractYaml.parse(file.toString(), text)));
        }
        return contracts;
    }
}
