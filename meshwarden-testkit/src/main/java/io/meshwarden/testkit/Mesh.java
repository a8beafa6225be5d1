package io.meshwarden.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.avro.ContractChange;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.Decision;
import io.meshwarden.avro.DecisionOutcome;
import io.meshwarden.avro.MetricEvent;
import io.meshwarden.avro.QualitySnapshot;
import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.events.DataProductPublisher;
import io.meshwarden.events.PolicySetOutcome;
import io.meshwarden.events.TopicWaiter;
import io.meshwarden.governance.diff.ContractDiff;
import io.meshwarden.governance.policy.PolicySetYaml;
import io.meshwarden.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwarden.quality.QualityStreams;
import io.meshwarden.schemas.AvroTrust;
import io.meshwarden.schemas.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A running mesh for one test class: an embedded broker, the governance and quality topologies
 * ({@link QualityStreams}) with the team's policy sets in force, and the team's contract. Its
 * assertions publish to the mesh and wait for its answer, as the product's pipeline would see it
 * in production. Closing it stops the topologies, then the broker.
 */
public final class Mesh implements AutoCloseable {
    /** How long an assertion waits for the mesh's answer: generous, since a first test also waits for the topologies to start. */
    private static final Duration ANSWER = Duration.ofSeconds(60);
    /** The quality topology's window step in the testkit: a run is judged a second or two after it. */
    private static final Duration STEP = Duration.ofSeconds(1);

    private final EmbeddedKafkaBroker broker;
    private final Path stateDir;
    private final MeshwardenConfig config;
    private final QualityStreams quality;
    private final DataProductPublisher publisher;
    private final Path contractFile;
    private final String defaultDomain;

    private Mesh(EmbeddedKafkaBroker broker, Path stateDir, MeshwardenConfig config, QualityStreams quality,
                 DataProductPublisher publisher, Path contractFile, String defaultDomain) {
        this.broker = broker;
        this.stateDir = stateDir;
        this.config = config;
        this.quality = quality;
        this.publisher = publisher;
        this.contractFile = contractFile;
        this.defaultDomain = defaultDomain;
    }

    /** Starts the broker and the topologies and puts every policy set of {@code policies} in force. */
    static Mesh start(Path contractFile, Path policies, String defaultDomain) {
        AvroTrust.ensure();
        List<io.meshwarden.avro.PolicySet> sets = PolicySetYaml.readDirectory(policies).stream()
                .map(PolicySetYaml.PolicyFile::set).toList();
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
        Mesh mesh;
        try {
            Path stateDir = Files.createTempDirectory("meshwarden-testkit");
            MeshwardenConfig config = MeshwardenConfig.defaults(Map.of(
                    Settings.BOOTSTRAP_SERVERS.key(), broker.bootstrapServers(),
                    Settings.STATE_DIR.key(), stateDir.toString(),
                    Settings.APPLICATION_ID_PREFIX.key(), "meshwarden-testkit",
                    // One partition per topic and no standbys: one instance, the fewest tasks, the quickest start.
                    Settings.TOPIC_PARTITIONS.key(), "1",
                    Settings.STANDBY_REPLICAS.key(), "0",
                    // One-second steps, and a product's clock running on after two seconds of silence, so that the
                    // window of a run closes (and is judged) seconds after it, not a minute or an hour later.
                    Settings.QUALITY_WINDOW_STEP_MS.key(), Long.toString(STEP.toMillis()),
                    Settings.QUALITY_GRACE_MS.key(), "1000",
                    Settings.QUALITY_IDLE_CLOSE_MS.key(), "2000"));
            QualityStreams quality = QualityStreams.start(config);
            mesh = new Mesh(broker, stateDir, config, quality, DataProductPublisher.create(config, "meshwarden-testkit"),
                    contractFile, defaultDomain);
        } catch (IOException e) {
            broker.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        try {
            List<PolicySetOutcome> outcomes = mesh.publisher.publishPolicySetsAndAwait(sets, ANSWER);
            assertThat(outcomes).as("policy sets of %s in force", policies).allMatch(PolicySetOutcome::inForce);
            return mesh;
        } catch (RuntimeException | AssertionError e) {
            mesh.close(); // the topologies first, then the broker
            throw e;
        }
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /** The mesh's configuration (bootstrap servers, topic prefix): what the product's pipeline runs with in the test. */
    public MeshwardenConfig config() {
        return config;
    }

    public EmbeddedKafkaBroker broker() {
        return broker;
    }

    /** The contract of {@link MeshwardenTest#contract()}, as governance reads it. */
    public DataProductContract contract() {
        return read(contractFile);
    }

    /** Reads a contract file (ODCS v3 or Meshwarden YAML) as {@code meshwarden validate} does. */
    public DataProductContract read(Path file) {
        return ContractFile.read(file, defaultDomain.isEmpty() ? null : defaultDomain);
    }

    /** Publishes the contract of {@link MeshwardenTest#contract()} and asserts that governance accepts it. */
    public Decision assertAccepted() {
        return assertAccepted(contract());
    }

    /** Publishes {@code contract} and asserts that governance accepts it (warnings allowed); the decision, for more assertions. */
    public Decision assertAccepted(DataProductContract contract) {
        Decision decision = decisionOn(contract);
        assertThat(decision.getOutcome()).as("decision on %s@%s: %s", contract.getId(), contract.getVersion(),
                decision.getViolations()).isNotEqualTo(DecisionOutcome.REJECTED);
        return decision;
    }

    /** Publishes {@code contract} and asserts that governance rejects it; the decision names the violations. */
    public Decision assertRejected(DataProductContract contract) {
        Decision decision = decisionOn(contract);
        assertThat(decision.getOutcome()).as("decision on %s@%s", contract.getId(), contract.getVersion())
                .isEqualTo(DecisionOutcome.REJECTED);
        return decision;
    }

    private Decision decisionOn(DataProductContract contract) {
        try (TopicWaiter<Decision> decisions = new TopicWaiter<>(config, config.topics().topic(Topics.DECISIONS))) {
            DataProductPublisher.Publication<ContractChange> publication = publisher.publishContract(contract, "meshwarden-testkit");
            publisher.flush();
            publication.acknowledged().join();
            String changeId = publication.event().getChangeId();
            Optional<Decision> decision = decisions.await(d -> d.getChangeId().equals(changeId), ANSWER);
            assertThat(decision).as("a decision on %s@%s within %s", contract.getId(), contract.getVersion(), ANSWER).isPresent();
            return decision.get();
        }
    }

    /**
     * Publishes a pipeline run's metric event and asserts that the quality topology breaches nothing
     * for it: once the snapshot of the window step the run falls in is visible, every violation the
     * same transaction produced is too (the topology runs exactly-once); the breaches of the product
     * read by then, up to that step, are what the run caused. Returns the snapshot.
     */
    public QualitySnapshot assertNoBreach(MetricEvent run) {
        try (TopicWaiter<QualitySnapshot> snapshots = new TopicWaiter<>(config, config.topics().topic(Topics.SNAPSHOTS));
             TopicWaiter<Violation> violations = new TopicWaiter<>(config, config.topics().topic(Topics.VIOLATIONS))) {
            publisher.publishMetric(run).join();
            Optional<QualitySnapshot> snapshot = snapshots.await(s -> s.getProductId().equals(run.getProductId())
                    && s.getWindowEnd().isAfter(run.getEventTime()) && !s.getWindowEnd().minus(STEP).isAfter(run.getEventTime()),
                    ANSWER);
            assertThat(snapshot).as("a quality snapshot of %s after run %s", run.getProductId(), run.getPipelineRunId())
                    .isPresent();
            // Other steps keep closing (the product's clock runs on with the wall clock): only the run's step is its own.
            java.time.Instant judged = snapshot.get().getWindowEnd();
            List<String> breaches = drain(violations).stream()
                    .filter(v -> v.getProductId().equals(run.getProductId()) && v.getStatus() == ViolationStatus.BREACH)
                    .filter(v -> v.getWindowEnd() == null
                            || (v.getWindowEnd().isAfter(run.getEventTime()) && !v.getWindowEnd().isAfter(judged)))
                    .map(v -> v.getRuleId() + ": " + v.getMessage()).toList();
            assertThat(breaches).as("breaches of %s after run %s", run.getProductId(), run.getPipelineRunId()).isEmpty();
            return snapshot.get();
        }
    }

    /** Every record the waiter can read now: polls until a poll brings nothing. */
    private static <V> List<V> drain(TopicWaiter<V> waiter) {
        List<V> all = new ArrayList<>();
        int before;
        do {
            before = all.size();
            waiter.read(Duration.ofMillis(500), all::add);
        } while (all.size() > before);
        return all;
    }

    /** Asserts that {@code next} is a breaking change from {@code previous} (offline, as governance's diff judges it); the reasons. */
    public List<String> assertBreaking(DataProductContract previous, DataProductContract next) {
        List<String> breaking = ContractDiff.breakingChanges(previous, next);
        assertThat(breaking).as("breaking changes from %s to %s", previous.getVersion(), next.getVersion()).isNotEmpty();
        return breaking;
    }

    /** Asserts that {@code next} breaks nothing a reader of {@code previous} relies on. */
    public void assertNotBreaking(DataProductContract previous, DataProductContract next) {
        assertThat(ContractDiff.breakingChanges(previous, next))
                .as("breaking changes from %s to %s", previous.getVersion(), next.getVersion()).isEmpty();
    }

    @Override
    public void close() {
        try {
            publisher.close();
            quality.close();
        } finally {
            broker.close();
            deleteQuietly(stateDir);
        }
    }

    private static void deleteQuietly(Path directory) {
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is not worth failing a green test for
        }
    }
}
