package io.meshwarden.sla.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.avro.Alert;
import io.meshwarden.avro.AlertState;
import io.meshwarden.avro.Severity;
import io.meshwarden.schemas.EventCodec;
import io.meshwarden.schemas.OutputFormat;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.avro.Schema;

/**
 * Every alert survives the alerts store's changelog in the binary layout, and every alert that
 * earlier versions wrote there as Avro still restores.
 */
class AlertStatePropertiesTest {
    private final AlertStateSerde serde = new AlertStateSerde();

    @Property(tries = 300)
    void everyAlertSurvivesTheChangelog(@ForAll("alerts") Alert alert) {
        byte[] bytes = serde.serializer().serialize("t", alert);

        assertThat(bytes[0]).as("binary, format version 1").isEqualTo((byte) 1);
        assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(alert);
    }

    @Property(tries = 300)
    void everyAlertEarlierVersionsWroteAsAvroStillReads(@ForAll("alerts") Alert alert) {
        byte[] avro = EventCodec.of(Alert.class).encode(alert, OutputFormat.AVRO);

        assertThat(serde.deserializer().deserialize("t", avro)).isEqualTo(alert);
    }

    @Example
    void aMessageLongerThanWriteUtfAllowsSurvives() {
        Alert alert = Alert.newBuilder(alert("x".repeat(70_000), null, null)).build();

        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", alert))).isEqualTo(alert);
    }

    @Example
    void theLayoutHoldsEveryFieldOfTheAlertRecord() {
        // A new field in Alert.avsc needs a new layout version in AlertStateSerde, or it would be lost in the store.
        assertThat(Alert.getClassSchema().getFields().stream().map(Schema.Field::name).toList())
                .isEqualTo(AlertStateSerde.FIELDS);
    }

    @Provide
    Arbitrary<Alert> alerts() {
        Arbitrary<String> text = Arbitraries.strings().ofMaxLength(40);
        Arbitrary<String> optional = text.injectNull(0.3);
        Arbitrary<Instant> instant = Arbitraries.longs().between(0, 4_102_444_800_000L).map(Instant::ofEpochMilli);
        Arbitrary<Alert> core = Combinators.combine(text, Arbitraries.of(AlertState.class), Arbitraries.of(Severity.class),
                Arbitraries.longs().between(1, Long.MAX_VALUE), instant, instant, instant.injectNull(0.5), instant)
                .as((message, state, severity, occurrences, first, last, snoozed, changed) -> {
                    Alert alert = alert(message, snoozed, changed);
                    alert.setState(state);
                    alert.setSeverity(severity);
                    alert.setOccurrences(occurrences);
                    alert.setFirstSeen(first);
                    alert.setLastSeen(last);
                    return alert;
                });
        return Combinators.combine(core, text, text, optional, optional, optional, optional)
                .as((alert, product, transition, owner, steward, runbook, acknowledgedBy) -> {
                    alert.setProductId(product);
                    alert.setAlertId(product + "/" + alert.getSlaKind());
                    alert.setTransition(transition);
                    alert.setOwnerTeam(owner);
                    alert.setSteward(steward);
                    alert.setRunbookUrl(runbook);
                    alert.setAcknowledgedBy(acknowledgedBy);
                    return alert;
                });
    }

    private static Alert alert(String message, Instant snoozedUntil, Instant changedAt) {
        Instant at = Instant.ofEpochMilli(1_764_061_200_000L);
        return Alert.newBuilder().setAlertId("paid-media.campaigns/freshness").setProductId("paid-media.campaigns")
                .setDomain("paid-media").setSlaKind("freshness").setState(AlertState.OPEN).setTransition("opened")
                .setSeverity(Severity.BLOCKING).setOccurrences(1).setFirstSeen(at).setLastSeen(at).setMessage(message)
                .setOwnerTeam(null).setSteward(null).setRunbookUrl(null).setAcknowledgedBy(null)
                .setSnoozedUntil(snoozedUntil).setChangedAt(changedAt == null ? at : changedAt).build();
    }
}
