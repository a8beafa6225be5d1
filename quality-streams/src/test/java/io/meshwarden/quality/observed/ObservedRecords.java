package io.meshwarden.quality.observed;

import io.meshwarden.avro.QualitySnapshot;
import io.meshwarden.kafka.embedded.TopicTail;
import io.meshwarden.schemas.EventCodec;
import io.meshwarden.schemas.TopicCatalog;
import io.meshwarden.schemas.Topics;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.TreeMap;

/** What the observed-mode integration tests write to a product topic and read back from the snapshots. */
public final class ObservedRecords {
    private ObservedRecords() {
    }

    /** A JSON row of {@link io.meshwarden.quality.rules.QualityRules#SCHEMA}; a null campaign id does not decode. */
    public static String row(String campaignId) {
        return "{\"campaign_id\": " + (campaignId == null ? "null" : "\"" + campaignId + "\"")
                + ", \"channel\": \"search\", \"email\": null, \"clicks\": 1}";
    }

    /**
     * A record in the Confluent wire format, built after its public specification (Confluent's serializer is not
     * served by the package registries reachable here): magic byte 0, the schema id as a 4-byte big-endian integer,
     * then the payload.
     */
    public static byte[] confluentFrame(int schemaId, byte[] payload) {
        return ByteBuffer.allocate(5 + payload.length).put((byte) 0).putInt(schemaId).put(payload).array();
    }

    /** The record in Avro binary (no header), written with its own schema, as Confluent's Avro serializer writes the payload. */
    public static byte[] avroBinary(GenericRecord record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Records expected over the product's snapshots so far, one per window (the latest snapshot of each). */
    public static long expectedInSnapshots(TopicTail tail, TopicCatalog topics, String productId) {
        EventCodec<QualitySnapshot> codec = EventCodec.of(QualitySnapshot.class);
        Map<Long, Long> byWindow = new TreeMap<>();
        tail.poll(topics.name(Topics.SNAPSHOTS)).stream().map(record -> codec.decode(record.value()))
                .filter(snapshot -> snapshot.getProductId().equals(productId))
                .forEach(snapshot -> byWindow.put(snapshot.getWindowEnd().toEpochMilli(), snapshot.getRecordsExpected()));
        return byWindow.values().stream().mapToLong(Long::longValue).sum();
    }
}
