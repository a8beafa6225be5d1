package io.meshwarden.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.avro.AlertAction;
import io.meshwarden.avro.AlertCommand;
import io.meshwarden.schemas.DeadLetter;
import io.meshwarden.schemas.DeadLetterReason;
import io.meshwarden.schemas.EventCodec;
import io.meshwarden.schemas.OutputFormat;
import io.meshwarden.schemas.Samples;
import io.meshwarden.schemas.TopicCatalog;
import io.meshwarden.schemas.Topics;
import io.meshwarden.schemas.validation.FieldChecks;
import io.meshwarden.streams.testing.TopologyFixture;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class DeadLetterRoutingTest {
    private static final String DECODED = "decoded-commands";

    private final EventCodec<AlertCommand> codec = EventCodec.of(AlertCommand.class);

    @AutoClose
    private final TopologyFixture fixture = TopologyFixture.start("test", Samples.T0, DeadLetterRoutingTest::commandActions);
    private final TestInputTopic<byte[], byte[]> input = fixture.rawInput(Topics.ALERT_COMMANDS);
    private final TestOutputTopic<String, String> decoded = fixture.driver().createOutputTopic(DECODED,
            Serdes.String().deserializer(), Serdes.String().deserializer());
    private final TestOutputTopic<byte[], byte[]> deadLetters = fixture.deadLetters();

    /** Alert commands decoded with a rule of their own, as the action of each. */
    private static Topology commandActions(TopicCatalog topics, Properties properties) {
        StreamsBuilder builder = new StreamsBuilder();
        InputRule<AlertCommand> rule = new InputRule<>("alert id", AlertCommand::getAlertId,
                command -> command.getAlertId().contains("/") ? null : "alertId must be <productId>/<ruleId>",
                (command, wallClockMs) -> FieldChecks.of().text("actor", command.getActor(), 1, 64)
                        .notAfter("issuedAt", command.getIssuedAt(), wallClockMs, DeadLetterReason.FUTURE_EVENT_TIME, 0).result());
        DeadLetterRouting.decodedStream(builder, topics, topics.topic(Topics.ALERT_COMMANDS), AlertCommand.class, rule,
                        Partitioning.AS_WRITTEN, "commands")
                .mapValues(command -> command.getAction().name())
                .to(DECODED, Produced.with(Serdes.String(), Serdes.String()));
        return builder.build();
    }

    @Test
    void passesOnAnEventKeyedByWhatItNames() {
        input.pipeInput(bytes("email.send-engagement/freshness"), encode(command("email.send-engagement/freshness")));

        assertThat(decoded.readKeyValue().value).isEqualTo("ACKNOWLEDGE");
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void deadLettersUndecodableBytesWithTheirOriginalBytesWhateverTheKey() {
        byte[] garbage = {1, 2, 3};
        input.pipeInput(null, garbage);

        TestRecord<byte[], byte[]> dead = deadLetters.readRecord();
        assertThat(dead.value()).isEqualTo(garbage);
        assertThat(DeadLetter.header(dead.headers(), DeadLetter.REASON_HEADER)).isEqualTo("undecodable");
    }

    @Test
    void deadLettersAnEventThatBreaksTheRuleNamingTheProblem() {
        input.pipeInput(bytes("no-slash"), encode(command("no-slash")));

        TestRecord<byte[], byte[]> dead = deadLetters.readRecord();
        assertThat(DeadLetter.header(dead.headers(), DeadLetter.REASON_HEADER)).isEqualTo("schema-mismatch");
        assertThat(DeadLetter.header(dead.headers(), DeadLetter.MESSAGE_HEADER)).contains("<productId>/<ruleId>");
        assertThat(decoded.isEmpty()).isTrue();
    }

    @Test
    void deadLettersAnEventThatBreaksASemanticRuleWithTheRulesReasonNamingTheField() {
        AlertCommand anonymous = AlertCommand.newBuilder(command("email.send-engagement/freshness")).setActor("").build();
        input.pipeInput(bytes(anonymous.getAlertId()), encode(anonymous));

        TestRecord<byte[], byte[]> dead = deadLetters.readRecord();
        assertThat(dead.value()).isEqualTo(encode(anonymous));
        assertThat(DeadLetter.header(dead.headers(), DeadLetter.REASON_HEADER)).isEqualTo("string-out-of-bounds");
        assertThat(DeadLetter.header(dead.headers(), DeadLetter.MESSAGE_HEADER)).startsWith("actor: ");
        assertThat(decoded.isEmpty()).isTrue();
    }

    @Test
    void judgesTimesAgainstTheProcessorsWallClock() {
        AlertCommand early = AlertCommand.newBuilder(command("email.send-engagement/freshness"))
                .setIssuedAt(Samples.T0.plusSeconds(1)).build();
        input.pipeInput(bytes(early.getAlertId()), encode(early));
        fixture.driver().advanceWallClockTime(java.time.Duration.ofSeconds(1));
        input.pipeInput(bytes(early.getAlertId()), encode(early));

        assertThat(DeadLetter.header(deadLetters.readRecord().headers(), DeadLetter.REASON_HEADER)).isEqualTo("future-event-time");
        assertThat(decoded.readValuesToList()).containsExactly("ACKNOWLEDGE");
    }

    @Test
    void deadLettersAnEventKeyedByAnotherIdNamingBothKeys() {
        input.pipeInput(bytes("social.post-reach/freshness"), encode(command("email.send-engagement/freshness")));

        TestRecord<byte[], byte[]> dead = deadLetters.readRecord();
        assertThat(DeadLetter.header(dead.headers(), DeadLetter.REASON_HEADER)).isEqualTo("missing-key");
        assertThat(DeadLetter.header(dead.headers(), DeadLetter.MESSAGE_HEADER))
                .contains("alert id 'email.send-engagement/freshness'").contains("'social.post-reach/freshness'");
    }

    private static AlertCommand command(String alertId) {
        return AlertCommand.newBuilder().setCommandId("c-1").setAlertId(alertId).setAction(AlertAction.ACKNOWLEDGE)
                .setActor("ana").setReason(null).setSnoozeUntil(null).setIssuedAt(Samples.T0).build();
    }

    private byte[] encode(AlertCommand command) {
        return codec.encode(command, OutputFormat.AVRO);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
