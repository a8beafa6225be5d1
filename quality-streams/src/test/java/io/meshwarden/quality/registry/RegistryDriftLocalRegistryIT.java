package io.meshwarden.quality.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.OutputPort;
import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.kafka.embedded.EmbeddedKafka;
import io.meshwarden.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwarden.kafka.embedded.LocalSchemaRegistry;
import io.meshwarden.quality.governance.ItConfig;
import io.meshwarden.quality.observed.MeshTestRun;
import io.meshwarden.schemas.Samples;
import io.meshwarden.schemas.Topics;
import io.meshwarden.schemas.violation.ViolationRule;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drift between a governed product's contract and its output topic's registry subject, on the real broker, with the
 * registry drift app as quality-streams runs it ({@link RegistryDriftService#start}, its check every 500 ms) against
 * a registry answering the documented REST endpoints from a local HTTP server ({@link LocalSchemaRegistry}):
 * registering a version the contract cannot read raises exactly one {@code schema.registry-drift} violation, naming
 * the subject, the version and the first differing field, however many checks follow; the contract version that
 * describes it resolves it.
 */
@EmbeddedKafka
class RegistryDriftLocalRegistryIT {
    private static final String PRODUCT = "paid-media.campaign-performance";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String CONTRACT_SCHEMA = Samples.contract(PRODUCT).getProductSchema();
    /** The contract's schema with {@code clicks} (long, no default) renamed: the contract cannot read it (BACKWARD). */
    private static final String RENAMED = CONTRACT_SCHEMA.replace("\"clicks\"", "\"clicks_total\"");

    private final LocalSchemaRegistry registry = LocalSchemaRegistry.start();
    private String subject;
    private String outputTopic;
    private MeshTestRun run;

    @BeforeEach
    void start(EmbeddedKafkaBroker broker, @TempDir Path stateDir) {
        MeshwardenConfig fresh = ItConfig.freshRun(broker, stateDir, "drift");
        outputTopic = fresh.get(Settings.TOPIC_PREFIX) + PRODUCT + ".v1";
        subject = outputTopic + "-value";
        run = MeshTestRun.start(fresh.with(java.util.Map.of(Settings.SCHEMA_REGISTRY_URL.key(), registry.url().toString(),
                Settings.SCHEMA_REGISTRY_DRIFT_CHECK_MS.key(), "500")), RegistryDriftService::start);
    }

    @AfterEach
    void stop() throws Exception {
        run.close();
        registry.close();
    }

    @Test
    void anIncompatibleRegisteredVersionBreachesOnceAndTheContractVersionMatchingItRecovers() {
        registry.register(subject, "AVRO", CONTRACT_SCHEMA);
        run.catalog(contract("1.0.0", CONTRACT_SCHEMA));
        await("the contract compared").atMost(WAIT).until(() -> registry.requests() > 0);

        registry.register(subject, "AVRO", RENAMED);
        await("the drift found").atMost(WAIT).until(() -> !drift().isEmpty());
        int requests = registry.requests();
        await("three more checks").atMost(WAIT).until(() -> registry.requests() >= requests + 3);

        Violation breach = drift().stream().reduce((first, second) -> { throw new AssertionError("more than one violation"); })
                .orElseThrow();
        assertThat(breach.getStatus()).isEqualTo(ViolationStatus.BREACH);
        assertThat(breach.getProductId()).isEqualTo(PRODUCT);
        assertThat(breach.getMessage()).contains("version 2 of subject '" + subject + "'").contains("first differing field")
                .contains("clicks").contains("(incompatible)");

        run.catalog(contract("1.1.0", RENAMED));
        await("the drift resolved").atMost(WAIT).until(() -> drift().size() == 2);
        assertThat(drift()).extracting(Violation::getStatus).containsExactly(ViolationStatus.BREACH, ViolationStatus.RECOVERY);
        assertThat(drift().get(1).getContractVersion()).isEqualTo("1.1.0");
    }

    private List<Violation> drift() {
        return run.decoded(Topics.VIOLATIONS, Violation.class).stream()
                .filter(v -> v.getRuleId().equals(ViolationRule.REGISTRY_DRIFT.ruleId())).toList();
    }

    /** The product's contract as governance writes it to the catalog when it accepts it. */
    private DataProductContract contract(String version, String schema) {
        DataProductContract sample = Samples.contract(PRODUCT);
        return DataProductContract.newBuilder(sample).setVersion(version).setProductSchema(schema)
                .setOutputPorts(List.of(OutputPort.newBuilder(sample.getOutputPorts().get(0)).setTopic(outputTopic).build()))
                .build();
    }
}
