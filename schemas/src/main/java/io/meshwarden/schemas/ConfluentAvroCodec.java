package io.meshwarden.schemas;

import io.meshwarden.config.Settings;
import io.meshwarden.schemas.registry.ConfluentFrame;
import io.meshwarden.schemas.registry.RegisteredSchema;
import io.meshwarden.schemas.registry.SchemaRegistryClient;
import io.meshwarden.schemas.registry.SchemaRegistryException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaParseException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.errors.SerializationException;

/**
 * One event type in the Confluent wire format ({@link ConfluentFrame}: byte 0, the registry's schema id, Avro
 * binary). Writes with the current schema, registered under the topic's {@code <topic>-value} subject
 * (TopicNameStrategy, as Confluent's serializers do) on first use; reads a frame with the writer schema the registry
 * has under its id, resolved to the current schema (Avro schema resolution), so that records written by an older
 * Meshwarden still read. Readers are cached per writer schema. Thread-safe.
 */
final class ConfluentAvroCodec<T> {
    private final SpecificData model;
    private final Schema schema;
    private final String schemaText;
    private final SpecificDatumWriter<T> writer;
    private final Map<String, DatumReader<T>> readers = new ConcurrentHashMap<>();

    ConfluentAvroCodec(SpecificData model, Schema schema) {
        this.model = model;
        this.schema = schema;
        this.schemaText = schema.toString();
        this.writer = new SpecificDatumWriter<>(schema, model);
    }

    /** The subject a topic's values are registered under (Confluent's TopicNameStrategy). */
    static String valueSubject(String topic) {
        return topic + "-value";
    }

    /**
     * The frame of {@code value} for {@code topic}.
     *
     * @throws SerializationException when the schema cannot be registered, naming the registry and the subject
     */
    byte[] encode(T value, SchemaRegistryClient registry, String topic) {
        if (topic == null) {
            throw new SerializationException("the Confluent wire format registers the schema under the topic's subject;"
                    + " a " + schema.getName() + " serialized without a topic has none");
        }
        String subject = valueSubject(topic);
        int id;
        try {
            id = registry.register(subject, schemaText);
        } catch (SchemaRegistryException e) {
            throw new SerializationException("cannot write " + schema.getName() + " to " + topic + " in the Confluent wire"
                    + " format: registering its schema under subject '" + subject + "' at the schema registry "
                    + registry.url() + " failed (" + e.kind() + "): " + e.getMessage(), e);
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            writer.write(value, encoder);
            encoder.flush();
            return new ConfluentFrame(id, out.toByteArray()).bytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Decodes a record that claims the wire format (its first byte is 0). */
    T decode(byte[] bytes, Optional<SchemaRegistryClient> registry) {
        ConfluentFrame frame;
        try {
            frame = ConfluentFrame.of(bytes).orElseThrow();
        } catch (IllegalArgumentException e) {
            throw new EventDecodingException(DeadLetterReason.UNDECODABLE, "truncated: " + e.getMessage(), e);
        }
        if (registry.isEmpty()) {
            throw new EventDecodingException(DeadLetterReason.UNDECODABLE, "a " + schema.getName() + " in the Confluent wire"
                    + " format (schema id " + frame.schemaId() + "), but no schema registry is configured ("
                    + Settings.SCHEMA_REGISTRY_URL.key() + ")");
        }
        RegisteredSchema written;
        try {
            written = registry.get().byId(frame.schemaId());
        } catch (SchemaRegistryException e) {
            throw EventDecodingException.noWriterSchema(e);
        }
        if (written.type() != RegisteredSchema.Type.AVRO) {
            throw new EventDecodingException(DeadLetterReason.UNSUPPORTED_ENCODING, "schema id " + frame.schemaId() + " is "
                    + written.type() + ", not Avro: " + schema.getName() + " is read from Avro only");
        }
        DatumReader<T> reader = readers.computeIfAbsent(written.schema(), text -> reader(text, frame.schemaId()));
        try {
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(frame.payload(), null);
            T value = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new EventDecodingException(DeadLetterReason.UNDECODABLE, "corrupt Avro payload for " + schema.getName()
                        + " (schema id " + frame.schemaId() + "): bytes left after the record");
            }
            return value;
        } catch (EventDecodingException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // As in SingleObjectCodec: corrupt bytes surface as many exception types inside Avro.
            throw new EventDecodingException(DeadLetterReason.UNDECODABLE, "corrupt Avro payload for " + schema.getName()
                    + " (schema id " + frame.schemaId() + "): " + e, e);
        }
    }

    private DatumReader<T> reader(String writerText, int id) {
        Schema written;
        try {
            written = new Schema.Parser().parse(writerText);
        } catch (SchemaParseException e) {
            throw new EventDecodingException(DeadLetterReason.UNDECODABLE, "the registry's schema id " + id
                    + " is not an Avro schema: " + e.getMessage(), e);
        }
        SchemaCompatibility.SchemaPairCompatibility compatibility =
                SchemaCompatibility.checkReaderWriterCompatibility(schema, written);
        if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            throw new EventDecodingException(DeadLetterReason.SCHEMA_MISMATCH, "schema id " + id + " (" + written.getFullName()
                    + ") cannot be read as " + schema.getFullName() + ": " + compatibility.getResult().getIncompatibilities()
                    .stream().limit(3).map(i -> i.getType() + " at " + i.getLocation()).toList());
        }
        return new SpecificDatumReader<>(written, schema, model);
    }
}
