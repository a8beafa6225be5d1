package io.meshwarden.sla.streams;

import io.meshwarden.avro.Alert;
import io.meshwarden.avro.AlertAction;
import io.meshwarden.avro.AlertCommand;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.Severity;
import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationCategory;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.schemas.EventCodec;
import io.meshwarden.schemas.OutputFormat;
import io.meshwarden.schemas.Samples;
import io.meshwarden.schemas.TopicCatalog;
import io.meshwarden.schemas.Topics;
import io.meshwarden.sla.alerts.SlaPolicy;
import io.meshwarden.streams.testing.TopologyFixture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The production SLA topology in a {@link TopologyFixture} whose wall clock starts at
 * {@link Samples#T0}: typed inputs (violations, commands, catalog), the alert and dead-letter
 * outputs, and the stores. {@link #advance} moves the wall clock and fires the punctuators.
 */
final class SlaHarness implements AutoCloseable {
    static final SlaPolicy POLICY = new SlaPolicy(Duration.ofMinutes(15), Duration.ofHours(4), 3,
            Duration.ofMinutes(30), "https://runbooks.example/sla/", Duration.ofSeconds(1), Duration.ofDays(7));
    private static final EventCodec<Violation> VIOLATIONS = EventCodec.of(Violation.class);
    private static final EventCodec<AlertCommand> COMMANDS = EventCodec.of(AlertCommand.class);

    private final TopologyFixture fixture;
    final TopicCatalog topics;
    final Topology topology;
    final TopologyTestDriver driver;
    final TestInputTopic<byte[], byte[]> violations;
    final TestInputTopic<byte[], byte[]> commands;
    final TestInputTopic<String, DataProductContract> catalog;
    final TestOutputTopic<String, Alert> alerts;
    final TestOutputTopic<byte[], byte[]> deadLetters;
    private Instant now = Samples.T0;
    private int commandCount;

    SlaHarness() {
        this(POLICY);
    }

    SlaHarness(SlaPolicy policy) {
        fixture = TopologyFixture.start(SlaTopology.APPLICATION_SUFFIX, Samples.T0,
                (catalogTopics, properties) -> SlaTopology.build(catalogTopics, policy, properties));
        topics = fixture.topics();
        topology = fixture.topology();
        driver = fixture.driver();
        violations = fixture.rawInput(Topics.VIOLATIONS);
        commands = fixture.rawInput(Topics.ALERT_COMMANDS);
        catalog = fixture.input(Topics.CATALOG);
        alerts = fixture.output(Topics.ALERTS);
        deadLetters = fixture.deadLetters();
    }

    Instant now() {
        return now;
    }

    /** Moves the wall clock (and so the punctuators) forward. */
    void advance(Duration duration) {
        now = now.plus(duration);
        driver.advanceWallClockTime(duration);
    }

    void contract(DataProductContract contract) {
        catalog.pipeInput(contract.getId(), contract, now);
    }

    void breach(String productId, String ruleId, Severity severity) {
        violation(productId, ruleId, severity, ViolationStatus.BREACH);
    }

    void recover(String productId, String ruleId, Severity severity) {
        violation(productId, ruleId, severity, ViolationStatus.RECOVERY);
    }

    void violation(String productId, String ruleId, Severity severity, ViolationStatus status) {
        Violation violation = Violation.newBuilder(Samples.violation(productId, ruleId))
                .setViolationId(productId + "/" + ruleId + "/" + now.toEpochMilli())
                .setCategory(ruleId.equals("freshness") ? ViolationCategory.FRESHNESS : ViolationCategory.NAMING)
                .setSeverity(severity).setStatus(status).setMessage(status + " of " + ruleId).setDetectedAt(now).build();
        violations.pipeInput(bytes(productId), VIOLATIONS.encode(violation, OutputFormat.AVRO), now);
    }

    /** A violation as its producer wrote it. */
    void pipe(Violation violation) {
        violations.pipeInput(bytes(violation.getProductId()), VIOLATIONS.encode(violation, OutputFormat.AVRO), now);
    }

    void command(String alertId, AlertAction action, Instant snoozeUntil) {
        AlertCommand command = AlertCommand.newBuilder().setCommandId("command-" + ++commandCount).setAlertId(alertId)
                .setAction(action).setActor("ana").setReason(null).setSnoozeUntil(snoozeUntil).setIssuedAt(now).build();
        commands.pipeInput(bytes(alertId), COMMANDS.encode(command, OutputFormat.JSON), now);
    }

    List<Alert> emitted() {
        return alerts.readValuesToList();
    }

    KeyValueStore<String, Alert> alertStore() {
        return fixture.store(SlaStores.ALERTS);
    }

    /** How many records the processors wrote to the changelog of {@code store} since the last call (each write is one). */
    int changelogWrites(String store) {
        String applicationId = MeshwardenConfig.defaults(Map.of()).streamsProperties(SlaTopology.APPLICATION_SUFFIX)
                .getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
        return driver.createOutputTopic(applicationId + "-" + store + "-changelog", new ByteArrayDeserializer(),
                new ByteArrayDeserializer()).readRecordsToList().size();
    }

    <V> KeyValueStore<String, V> store(String name) {
        return fixture.store(name);
    }

    KeyValueStore<String, AvailabilityState> availabilityStore() {
        return fixture.store(SlaStores.AVAILABILITY);
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        fixture.close();
    }
}
