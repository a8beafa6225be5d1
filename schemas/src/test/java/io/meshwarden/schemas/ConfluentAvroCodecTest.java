package io.meshwarden.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwarden.avro.Violation;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.kafka.embedded.LocalSchemaRegistry;
import io.meshwarden.schemas.registry.ConfluentFrame;
import io.meshwarden.schemas.registry.SchemaRegistryClient;
import io.meshwarden.schemas.registry.SchemaRegistryException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Confluent wire format against a local registry that answers Confluent's REST API. */
class ConfluentAvroCodecTest {
    private static final String TOPIC = "mesh.governance.violations";
    private static final String SUBJECT = TOPIC + "-value";

    private final LocalSchemaRegistry registry = LocalSchemaRegistry.start();
    private final SchemaRegistryClient client = client(registry.url().toString());
    private final TopicCatalog catalog = new TopicCatalog(TopicCatalog.DEFAULT_PREFIX,
            new EventFormat(OutputFormat.CONFLUENT_AVRO, Optional.of(client)));

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void writesTheWireFormatWithTheSchemaRegisteredUnderTheTopicsValueSubject() {
        Violation violation = Samples.violation("paid-media.campaigns", "naming");
        Serde<Violation> serde = catalog.topic(Topics.VIOLATIONS).valueSerde();

        byte[] bytes = serde.serializer().serialize(TOPIC, violation);

        ConfluentFrame frame = ConfluentFrame.of(bytes).orElseThrow();
        assertThat(bytes[0]).isEqualTo(ConfluentFrame.MAGIC);
        assertThat(client.latest(SUBJECT).id()).isEqualTo(frame.schemaId());
        assertThat(new Schema.Parser().parse(client.byId(frame.schemaId()).schema())).isEqualTo(Violation.getClassSchema());
        assertThat(serde.deserializer().deserialize(TOPIC, bytes)).isEqualTo(violation);
    }

    @Test
    void registersOncePerSubjectAndTheRegistryAnswersTheSameIdAgain() {
        Serde<Violation> serde = catalog.topic(Topics.VIOLATIONS).valueSerde();
        byte[] first = serde.serializer().serialize(TOPIC, Samples.violation("paid-media.campaigns", "naming"));
        serde.serializer().serialize(TOPIC, Samples.violation("paid-media.campaigns", "pii"));
        serde.serializer().serialize(TOPIC, Samples.violation("email.sends", "naming"));
        assertThat(registry.registrations()).as("one registration for three records").isEqualTo(1);

        SchemaRegistryClient another = client(registry.url().toString());
        int again = another.register(SUBJECT, Violation.getClassSchema().toString());
        assertThat(again).isEqualTo(ConfluentFrame.of(first).orElseThrow().schemaId());
        assertThat(registry.versions(SUBJECT)).as("the same schema is no new version").isEqualTo(1);

        serde.serializer().serialize("other-topic", Samples.violation("paid-media.campaigns", "naming"));
        assertThat(registry.registrations()).as("a new topic is a new subject").isEqualTo(3);
        assertThat(client.latest("other-topic-value").id()).as("one schema, one global id").isEqualTo(again);
    }

    @Test
    void aFrameWithAnIdTheRegistryDoesNotKnowIsAnUnknownSchemaId() {
        byte[] bytes = new ConfluentFrame(4711, new byte[] {2, 4}).bytes();

        assertThatThrownBy(() -> catalog.topic(Topics.VIOLATIONS).valueSerde().deserializer().deserialize(TOPIC, bytes))
                .isInstanceOfSatisfying(EventDecodingException.class,
                        e -> assertThat(e.reason()).isEqualTo(DeadLetterReason.UNKNOWN_SCHEMA_ID))
                .hasMessageContaining("schema id 4711");
    }

    @Test
    void aFrameWithoutAConfiguredRegistryIsUndecodableNamingTheSetting() {
        byte[] bytes = catalog.topic(Topics.VIOLATIONS).valueSerde().serializer().serialize(TOPIC,
                Samples.violation("paid-media.campaigns", "naming"));

        assertThatThrownBy(() -> TopicCatalog.defaults().topic(Topics.VIOLATIONS).valueSerde().deserializer().deserialize(TOPIC, bytes))
                .isInstanceOfSatisfying(EventDecodingException.class,
                        e -> assertThat(e.reason()).isEqualTo(DeadLetterReason.UNDECODABLE))
                .hasMessageContaining(Settings.SCHEMA_REGISTRY_URL.key());
    }

    @Test
    void aRecordWrittenWithAnOlderVersionOfTheSchemaReadsAsTheCurrentOne() throws IOException {
        Schema v4 = SchemaHistory.olderVersionsOf(Violation.getClassSchema().getFullName()).stream()
                .filter(schema -> schema.getField("deviation") == null && schema.getField("expectedLow") != null).findFirst()
                .orElseThrow();
        int id = registry.register(SUBJECT, "AVRO", v4.toString());
        Violation violation = Samples.violation("paid-media.campaigns", "freshness");
        byte[] singleObject = EventCodec.of(Violation.class).encode(violation, OutputFormat.AVRO);
        GenericRecord old = new GenericDatumReader<GenericRecord>(Violation.getClassSchema(), v4).read(null,
                DecoderFactory.get().binaryDecoder(singleObject, 10, singleObject.length - 10, null));
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(payload, null);
        new GenericDatumWriter<GenericRecord>(v4).write(old, encoder);
        encoder.flush();

        Violation read = EventCodec.of(Violation.class).decode(new ConfluentFrame(id, payload.toByteArray()).bytes(),
                Optional.of(client));

        assertThat(read).isEqualTo(violation);
        assertThat(read.getDeviation()).as("the field v4 did not have takes its default").isNull();
    }

    @Test
    void aFrameWhoseSchemaIsAnotherRecordIsASchemaMismatch() {
        int id = registry.register("other-value", "AVRO", "{\"type\":\"record\",\"name\":\"Other\",\"fields\":[]}");

        assertThatThrownBy(() -> EventCodec.of(Violation.class).decode(new ConfluentFrame(id, new byte[0]).bytes(),
                Optional.of(client)))
                .isInstanceOfSatisfying(EventDecodingException.class,
                        e -> assertThat(e.reason()).isEqualTo(DeadLetterReason.SCHEMA_MISMATCH))
                .hasMessageContaining("schema id " + id);
    }

    @Test
    void aRegistryThatIsDownFailsTheSerializerNamingTheRegistryAndTheSubject() throws IOException {
        String url;
        try (ServerSocket socket = new ServerSocket(0)) {
            url = "http://127.0.0.1:" + socket.getLocalPort();
        }
        TopicCatalog down = new TopicCatalog(TopicCatalog.DEFAULT_PREFIX,
                new EventFormat(OutputFormat.CONFLUENT_AVRO, Optional.of(client(url))));

        assertThatThrownBy(() -> down.topic(Topics.VIOLATIONS).valueSerde().serializer().serialize(TOPIC,
                Samples.violation("paid-media.campaigns", "naming")))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(url)
                .hasMessageContaining("'" + SUBJECT + "'");
    }

    @Test
    void readersKeepAcceptingSingleObjectAndJsonWithARegistry() {
        Violation violation = Samples.violation("paid-media.campaigns", "naming");
        Serde<Violation> serde = catalog.topic(Topics.VIOLATIONS).valueSerde();
        EventCodec<Violation> codec = EventCodec.of(Violation.class);

        assertThat(serde.deserializer().deserialize(TOPIC, codec.encode(violation, OutputFormat.AVRO))).isEqualTo(violation);
        assertThat(serde.deserializer().deserialize(TOPIC, codec.encode(violation, OutputFormat.JSON))).isEqualTo(violation);
        assertThat(registry.requests()).as("neither asks the registry").isZero();
    }

    @Test
    void theRegistryRefusesAnIncompatibleOrInvalidSchemaAndTheClientSaysSo() {
        client.register("s-value", "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}");

        assertThatThrownBy(() -> client.register("s-value",
                "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"b\",\"type\":\"string\"}]}"))
                .isInstanceOfSatisfying(SchemaRegistryException.class,
                        e -> assertThat(e.kind()).isEqualTo(SchemaRegistryException.Kind.REJECTED))
                .hasMessageContaining("HTTP 409").hasMessageContaining("incompatible");
        assertThatThrownBy(() -> client.register("s-value", "{\"type\":\"recrd\"}"))
                .isInstanceOfSatisfying(SchemaRegistryException.class,
                        e -> assertThat(e.kind()).isEqualTo(SchemaRegistryException.Kind.REJECTED))
                .hasMessageContaining("HTTP 422: 42201");
        assertThat(registry.versions("s-value")).isEqualTo(1);
    }

    private static SchemaRegistryClient client(String url) {
        return SchemaRegistryClient.from(MeshwardenConfig.defaults(Map.of(Settings.SCHEMA_REGISTRY_URL.key(), url,
                Settings.SCHEMA_REGISTRY_TIMEOUT_MS.key(), "2000"))).orElseThrow();
    }
}
