package io.meshwarden.sla.streams;

import io.meshwarden.avro.Alert;
import io.meshwarden.avro.AlertState;
import io.meshwarden.avro.Severity;
import io.meshwarden.streams.state.StateCodec;
import io.meshwarden.streams.state.StateSerde;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The serde of {@link SlaStores#ALERTS}: every alert read and written once per violation, so in the
 * binary state format ({@link StateSerde}: fixed field order, no schema resolution or union
 * branches as an Avro record has), and still reading the Avro single-object encoding that earlier versions
 * wrote (it starts with the marker {@code C3 01}, never a format version byte), so their changelogs
 * restore. The store stays a store of {@link Alert}s: the API reads it as before.
 *
 * <p>{@link #FIELDS} lists the fields of {@link Alert} the layout holds, in its order; a test fails
 * when the Avro record gains one, so that the layout gets a new version rather than a silent loss.
 */
final class AlertStateSerde implements Serde<Alert> {
    /** The fields of {@link Alert} in layout version 1, in order. */
    static final List<String> FIELDS = List.of("alertId", "productId", "domain", "slaKind", "state", "transition",
            "severity", "occurrences", "firstSeen", "lastSeen", "message", "ownerTeam", "steward", "runbookUrl",
            "acknowledgedBy", "snoozedUntil", "changedAt");
    private static final byte AVRO_MARKER = (byte) 0xC3;

    static final StateCodec<Alert> CODEC = new StateCodec<>() {
        @Override
        public void write(DataOutput out, Alert alert) throws IOException {
            writeString(out, alert.getAlertId());
            writeString(out, alert.getProductId());
            writeString(out, alert.getDomain());
            writeString(out, alert.getSlaKind());
            out.writeUTF(alert.getState().name());
            writeString(out, alert.getTransition());
            out.writeUTF(alert.getSeverity().name());
            out.writeLong(alert.getOccurrences());
            out.writeLong(alert.getFirstSeen().toEpochMilli());
            out.writeLong(alert.getLastSeen().toEpochMilli());
            writeString(out, alert.getMessage());
            writeString(out, alert.getOwnerTeam());
            writeString(out, alert.getSteward());
            writeString(out, alert.getRunbookUrl());
            writeString(out, alert.getAcknowledgedBy());
            out.writeLong(alert.getSnoozedUntil() == null ? Long.MIN_VALUE : alert.getSnoozedUntil().toEpochMilli());
            out.writeLong(alert.getChangedAt().toEpochMilli());
        }

        @Override
        public Alert read(DataInput in) throws IOException {
            Alert alert = new Alert();
            alert.setAlertId(readString(in));
            alert.setProductId(readString(in));
            alert.setDomain(readString(in));
            alert.setSlaKind(readString(in));
            alert.setState(AlertState.valueOf(in.readUTF()));
            alert.setTransition(readString(in));
            alert.setSeverity(Severity.valueOf(in.readUTF()));
            alert.setOccurrences(in.readLong());
            alert.setFirstSeen(Instant.ofEpochMilli(in.readLong()));
            alert.setLastSeen(Instant.ofEpochMilli(in.readLong()));
            alert.setMessage(readString(in));
            alert.setOwnerTeam(readString(in));
            alert.setSteward(readString(in));
            alert.setRunbookUrl(readString(in));
            alert.setAcknowledgedBy(readString(in));
            long snoozedUntil = in.readLong();
            alert.setSnoozedUntil(snoozedUntil == Long.MIN_VALUE ? null : Instant.ofEpochMilli(snoozedUntil));
            alert.setChangedAt(Instant.ofEpochMilli(in.readLong()));
            return alert;
        }
    };

    private final StateSerde<Alert> binary = StateSerde.of(Alert.class, CODEC);
    private final Serde<Alert> avro = SlaStores.avro(Alert.class);

    @Override
    public Serializer<Alert> serializer() {
        return binary.serializer();
    }

    @Override
    public Deserializer<Alert> deserializer() {
        Deserializer<Alert> fromBinary = binary.deserializer();
        Deserializer<Alert> fromAvro = avro.deserializer();
        return (topic, bytes) -> bytes != null && bytes.length > 0 && bytes[0] == AVRO_MARKER
                ? fromAvro.deserialize(topic, bytes) : fromBinary.deserialize(topic, bytes);
    }

    /**
     * Length (-1: null) then UTF-8 bytes: a message comes from a violation and may exceed the 64 KiB of
     * {@link DataOutput#writeUTF}.
     */
    private static void writeString(DataOutput out, CharSequence value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] bytes = value.toString().getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readString(DataInput in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
