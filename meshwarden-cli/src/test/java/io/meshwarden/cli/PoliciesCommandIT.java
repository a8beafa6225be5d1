package io.meshwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshwarden.access.AccessService;
import io.meshwarden.access.reconcile.BaselineAcls;
import io.meshwarden.avro.AccessAuditEvent;
import io.meshwarden.avro.AccessAuditKind;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.kafka.embedded.EmbeddedKafka;
import io.meshwarden.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwarden.kafka.embedded.TopicTail;
import io.meshwarden.quality.QualityStreams;
import io.meshwarden.schemas.Topic;
import io.meshwarden.schemas.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `meshwarden policies publish` and `approve` against the running governance pipeline: in force,
 * unchanged, refused with its reason, held for stewards' approval until two of them approve, and the
 * approval audited by the access service on {@code access.audit}: proposal, each approval by name, in force.
 */
@EmbeddedKafka
class PoliciesCommandIT {
    private static final String PREFIX = "policies-it.";

    @Test
    void putsTheShippedSetsInForceRecognisesThemUnchangedAndReportsARefusalWithItsReason(EmbeddedKafkaBroker broker,
            @TempDir Path stateDir, @TempDir Path loosening) throws IOException {
        MeshwardenConfig config = MeshwardenConfig.defaults(Map.of(
                Settings.BOOTSTRAP_SERVERS.key(), broker.bootstrapServers(),
                Settings.STATE_DIR.key(), stateDir.toString(),
                Settings.TOPIC_PREFIX.key(), PREFIX,
                Settings.APPLICATION_ID_PREFIX.key(), "policies-it"));
        Files.writeString(loosening.resolve("social.yaml"), "id: social\nversion: 1.0.0\nscope: domain\ndomain: social\nrules:\n"
                + "  - id: classification.pii\n    kind: pii-classification\n    severity: blocking\n"
                + "    parameters:\n      minimum: internal\n");

        try (QualityStreams app = QualityStreams.start(config)) {
            Run first = publish(broker, "../policies");
            assertThat(first.exit()).as(first.err()).isZero();
            assertThat(first.out().lines()).hasSize(3).allMatch(line -> line.startsWith("IN FORCE  "))
                    .anyMatch(line -> line.contains("global@1.1.0")).anyMatch(line -> line.contains("paid-media@1.0.0"))
                    .anyMatch(line -> line.contains("customer-analytics@1.0.0"));

            Run again = publish(broker, "../policies");
            assertThat(again.exit()).isZero();
            assertThat(again.out().lines()).hasSize(3).allMatch(line -> line.startsWith("IN FORCE  "));

            Run refused = publish(broker, loosening.toString());
            assertThat(refused.exit()).isEqualTo(Meshwarden.REJECTED);
            assertThat(refused.out().strip()).startsWith("REFUSED   social@1.0.0  (" + loosening.resolve("social.yaml") + "): ")
                    .contains("loosens or contradicts the global set");
        }
    }

    @Test
    void holdsAnEmptyGlobalSetUntilTwoStewardsApproveAndKeepsRejectingMeanwhile(EmbeddedKafkaBroker broker,
            @TempDir Path stateDir, @TempDir Path accessState, @TempDir Path empty, @TempDir Path contracts, @TempDir Path tighter) throws IOException {
        String prefix = "policies-held.";
        MeshwardenConfig config = MeshwardenConfig.defaults(Map.of(
                Settings.BOOTSTRAP_SERVERS.key(), broker.bootstrapServers(),
                Settings.STATE_DIR.key(), stateDir.toString(),
                Settings.TOPIC_PREFIX.key(), prefix,
                Settings.APPLICATION_ID_PREFIX.key(), "policies-held",
                Settings.GOVERNANCE_STEWARDS.key(), "ana@mesh.example, ben@mesh.example"));
        Files.writeString(empty.resolve("global.yaml"), "id: global\nversion: 9.0.0\nscope: global\nrules: []\n");
        String badlyNamed = Files.readString(Path.of(ValidateCommandTest.DEMO, "email.send-engagement.yaml"))
                .replace("id: email.send-engagement", "id: email.Send_Engagement");

        try (QualityStreams app = QualityStreams.start(config);
             AccessService access = AccessService.start(config.with(Settings.STATE_DIR.key(), accessState.toString()),
                     BaselineAcls.NONE);
             TopicTail auditTail = TopicTail.of(broker.bootstrapServers(), config.topics().name(Topics.ACCESS_AUDIT))) {
            assertThat(run(broker, prefix, "policies", "publish", "--timeout", "PT60S", "../policies").exit()).isZero();

            Run held = run(broker, prefix, "policies", "publish", "--timeout", "PT60S", empty.toString());
            assertThat(held.exit()).isEqualTo(Meshwarden.REJECTED);
            assertThat(held.out().strip()).startsWith("HELD      global@9.0.0").contains("loosens the global set in force")
                    .contains("removed by global@9.0.0");
            assertThat(publishContract(broker, prefix, contracts, badlyNamed, "1.0.0").out())
                    .as("still judged by global@1.1.0").startsWith("REJECTED").contains("global@1.1.0");

            Run first = run(broker, prefix, "policies", "approve", "global", "9.0.0", "--as", "ana@mesh.example", "--timeout", "PT3S");
            assertThat(first.exit()).isEqualTo(Meshwarden.REJECTED);
            assertThat(first.out()).startsWith("HELD      global@9.0.0: approval by ana@mesh.example published");
            Run outsider = run(broker, prefix, "policies", "approve", "global", "9.0.0", "--as", "mallory", "--timeout", "PT3S");
            assertThat(outsider.exit()).isEqualTo(Meshwarden.REJECTED);

            Run second = run(broker, prefix, "policies", "approve", "global", "9.0.0", "--as", "ben@mesh.example",
                    "--timeout", "PT60S");
            assertThat(second.exit()).as(second.out() + second.err()).isZero();
            assertThat(second.out()).startsWith("IN FORCE  global@9.0.0");
            assertThat(publishContract(broker, prefix, contracts, badlyNamed, "1.0.1").out())
                    .as("judged by the approved set").startsWith("ACCEPTED").contains("global@9.0.0");

            // The audit topic holds the whole approval, by name, in order, each step once (this broker has no
            // authorizer, so the reconciler's passes fail and are audited too: not about policies).
            Topic<String, AccessAuditEvent> auditTopic = config.topics().topic(Topics.ACCESS_AUDIT);
            List<ConsumerRecord<byte[], byte[]>> audit = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                auditTail.poll().stream().filter(r -> new String(r.key(), StandardCharsets.UTF_8).startsWith("policy:"))
                        .forEach(audit::add);
                return audit.stream().anyMatch(r -> decode(auditTopic, r).getKind() == AccessAuditKind.POLICY_IN_FORCE);
            });
            assertThat(audit).extracting(r -> new String(r.key(), StandardCharsets.UTF_8)).containsOnly("policy:global");
            List<AccessAuditEvent> events = audit.stream().map(r -> decode(auditTopic, r)).toList();
            assertThat(events).extracting(e -> e.getKind() + " " + e.getActor()).containsExactly(
                    "POLICY_PROPOSED User:meshwarden-governance",
                    "POLICY_APPROVAL ana@mesh.example",
                    "POLICY_APPROVAL mallory",
                    "POLICY_APPROVAL_REFUSED User:meshwarden-governance",
                    "POLICY_APPROVAL ben@mesh.example",
                    "POLICY_IN_FORCE User:meshwarden-governance");
            assertThat(events).extracting(AccessAuditEvent::getResource).containsOnly("POLICY_SET:global@9.0.0");
            assertThat(events.get(3).getReason()).contains("'mallory' does not count");
            assertThat(events.get(5).getReason()).contains("approved by ana@mesh.example, ben@mesh.example")
                    .endsWith("is in force");
            assertThat(new String(audit.get(5).value(), StandardCharsets.UTF_8)).as("plain JSON")
                    .startsWith("{").contains("\"kind\":\"POLICY_IN_FORCE\"");

            // A dry run of a tightening: the product just accepted would newly fail; nothing is published.
            Files.writeString(tighter.resolve("global.yaml"), "id: global\nversion: 9.1.0\nscope: global\nrules:\n"
                    + "  - id: naming.product-id\n    kind: product-id-naming\n    severity: blocking\n");
            Run plan = run(broker, prefix, "policies", "plan", tighter.toString());
            assertThat(plan.exit()).as(plan.err()).isZero();
            assertThat(plan.out()).startsWith("owner email-team (steward ")
                    .contains("\n  NEWLY FAILS   email.Send_Engagement@1.0.1\n    blocking naming.product-id:")
                    .contains("1 of 1 catalogued products change: 1 newly fail, 0 newly warn, 0 newly pass; in force: global@9.0.0");
            assertThat(run(broker, prefix, "policies", "plan", tighter.toString()).out()).as("still a plan: nothing went in force")
                    .contains("in force: global@9.0.0");
        }
    }

    private static Run publishContract(EmbeddedKafkaBroker broker, String prefix, Path dir, String contract, String version)
            throws IOException {
        Path file = dir.resolve("contract-" + version + ".yaml");
        Files.writeString(file, contract.replaceFirst("(?m)^version: .*$", "version: " + version));
        return run(broker, prefix, "publish", "--timeout", "PT60S", file.toString());
    }

    private static AccessAuditEvent decode(Topic<String, AccessAuditEvent> topic, ConsumerRecord<byte[], byte[]> record) {
        return topic.valueSerde().deserializer().deserialize(topic.name(), record.value());
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run publish(EmbeddedKafkaBroker broker, String directory) {
        return run(broker, PREFIX, "policies", "publish", "--timeout", "PT60S", directory);
    }

    private static Run run(EmbeddedKafkaBroker broker, String prefix, String... command) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] args = new String[command.length + 4];
        args[0] = "-b";
        args[1] = broker.bootstrapServers();
        args[2] = "--topic-prefix";
        args[3] = prefix;
        System.arraycopy(command, 0, args, 4, command.length);
        int exit = Meshwarden.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }
}
