package io.meshwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshwarden.access.AccessService;
import io.meshwarden.access.reconcile.BaselineAcls;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwarden.kafka.embedded.EmbeddedKafkaConfig;
import io.meshwarden.schemas.Samples;
import io.meshwarden.schemas.Topic;
import io.meshwarden.schemas.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code meshwarden access ...} against the real access service on an embedded broker with an authorizer. */
class AccessCommandsIT {
    private static final String PRODUCT = "paid-media.campaign-performance";

    private EmbeddedKafkaBroker broker;
    private AccessService service;
    private String prefix;

    @BeforeEach
    void start(@TempDir Path stateDir) throws Exception {
        broker = EmbeddedKafkaBroker.start(EmbeddedKafkaConfig.defaults()
                .withBrokerProperty("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                .withBrokerProperty("allow.everyone.if.no.acl.found", "true")
                .withBrokerProperty("super.users", "User:ANONYMOUS"));
        prefix = "cli" + System.nanoTime() + ".";
        MeshwardenConfig config = MeshwardenConfig.defaults(Map.of(Settings.BOOTSTRAP_SERVERS.key(), broker.bootstrapServers(),
                Settings.STATE_DIR.key(), stateDir.toString(), Settings.TOPIC_PREFIX.key(), prefix,
                Settings.APPLICATION_ID_PREFIX.key(), "cli-access", Settings.ACCESS_RECONCILE_INTERVAL_MS.key(), "500"));
        service = AccessService.start(config, BaselineAcls.NONE);
        Topic<String, DataProductContract> catalog = config.topics().topic(Topics.CATALOG);
        try (KafkaProducer<String, DataProductContract> producer = new KafkaProducer<>(config.producerProperties("it"),
                catalog.keySerde().serializer(), catalog.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(catalog.name(), PRODUCT, Samples.contract(PRODUCT))).get();
        }
    }

    @AfterEach
    void stop() {
        service.close();
        broker.close();
    }

    @Test
    void requestsApprovesTwiceAndListsTheProvisionedGrant() {
        assertThat(run("access", "request", PRODUCT, "--principal", "User:analytics", "--purpose", "attribution", "--for", "P30D",
                "--id", "req-1")).startsWith("0|PENDING   req-1");
        assertThat(run("access", "approve", "req-1", "--as", "User:paid-media-team")).startsWith("0|PENDING   req-1")
                .contains("approval 1 of 2");
        assertThat(run("access", "approve", "req-1", "--as", "User:paid-media-team")).startsWith("1|REFUSED   req-1")
                .contains("four eyes");
        assertThat(run("access", "approve", "req-1", "--as", "User:steward@paid-media.example")).startsWith("0|APPROVED  req-1");

        await().atMost(Duration.ofSeconds(60)).until(() -> run("access", "list", "--state", "PROVISIONED").contains("req-1"));
        assertThat(run("access", "list", "--product", PRODUCT)).contains("req-1").contains("User:analytics")
                .contains("approvals 2/2");
        assertThat(run("access", "list", "--product", "content.other")).isEqualTo("0|");
    }

    @Test
    void aRequestForAnUnknownProductIsRefusedWithExitCode1() {
        assertThat(run("access", "request", "paid-media.nothing", "--principal", "User:analytics", "--purpose", "x", "--for", "P1D"))
                .startsWith("1|REFUSED").contains("unknown product 'paid-media.nothing'");
    }

    /** Exit code, '|', then what the command printed. */
    private String run(String... args) {
        List<String> all = new ArrayList<>(List.of("-b", broker.bootstrapServers(), "--topic-prefix", prefix));
        all.addAll(List.of(args));
        StringWriter out = new StringWriter();
        int exit = Meshwarden.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), all.toArray(String[]::new));
        return exit + "|" + out.toString().strip();
    }
}
