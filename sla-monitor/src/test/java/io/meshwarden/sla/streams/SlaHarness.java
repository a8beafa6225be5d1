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
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The production SLA topology in a {@link TopologyTestDriver} whose wall clock starts at
 * {@link Samples#T0}: typed inputs (violations, commands, catalog), the alert and dead-letter
 * outputs, and the stores. {@link #advance} moves the wall clock and fires the punctuators.
 */
final class SlaHarness implements AutoCloseable {
    static final SlaPolicy POLICY = new SlaPolicy(Duration.ofMinutes(15), Duration.ofHours(4), 3,
            Duration.ofMinutes(30), "https://runbooks.example/sla/", Duration.ofSeconds(1));
    private static final EventCodec<Violation> VIOLATIONS = EventCodec.of(Violation.class);
    private static final EventCodec<AlertCommand> COMMANDS = EventCodec.of(AlertCommand.class);

    final TopicCatalog topics = TopicCatalog.defaults();
    final Topology topology;
    final TopologyTestDriver driver;
    final TestInputTopic<byte[], byte[]> violations;
    final TestInputTopic<byte[], byte[]> commands;
    final TestInputTopic<String, DataProductContract> catalog;
    final TestOutputTopic<String, Alert> alerts;
    final TestOutputTopic<byte[], byte[]> deadLetters;
    private Instant now = Samples.T0;
    private int commandCount;

    SlaHarness(Path stateDir) {
        Properties properties = MeshwardenConfig.defaults(Map.of("meshwarden.state.dir", stateDir.toString()))
                .streamsProperties(SlaTopology.APPLICATION_SUFFIX);
        topology = SlaTopology.build(topics, POLICY, properties);
        driver = new TopologyTestDriver(topology, properties, Samples.T0);
        violations = driver.createInputTopic(topics.name(Topics.VIOLATIONS), new ByteArraySerializer(), new ByteArraySerializer());
        commands = driver.createInputTopic(topics.name(Topics.ALERT_COMMANDS), new ByteArraySerializer(), new ByteArraySerializer());
        var catalogTopic = topics.topic(Topics.CATALOG);
        catalog = driver.createInputTopic(catalogTopic.name(), new StringSerializer(), catalogTopic.valueSerde().serializer());
        var alertTopic = topics.topic(Topics.ALERTS);
        alerts = driver.createOutputTopic(alertTopic.name(), new StringDeserializer(), alertTopic.valueSerde().deserializer());
        deadLetters = driver.createOutputTopic(topics.name(Topics.DEAD_LETTER), new ByteArrayDeserializer(), new ByteArrayDeserializer());
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

    void command(String alertId, AlertAction action, Instant snoozeUntil) {
        AlertCommand command = AlertCommand.newBuilder().setCommandId("command-" + ++commandCount).setAlertId(alertId)
                .setAction(action).setActor("ana").setReason(null).setSnoozeUntil(snoozeUntil).setIssuedAt(now).build();
        commands.pipeInput(bytes(alertId), COMMANDS.encode(command, OutputFormat.JSON), now);
    }

    List<Alert> emitted() {
        return alerts.readValuesToList();
    }

    KeyValueStore<String, Alert> alertStore() {
        return driver.getKeyValueStore(SlaStores.ALERTS);
    }

    KeyValueStore<String, AvailabilityState> availabilityStore() {
        return driver.getKeyValueStore(SlaStores.AVAILABILITY);
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        driver.close();
    }
}
