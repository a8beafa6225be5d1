package io.meshwarden.quality.observed;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.kafka.embedded.TopicTail;
import io.meshwarden.schemas.DeadLetter;
import io.meshwarden.schemas.EventCodec;
import io.meshwarden.schemas.OutputFormat;
import io.meshwarden.schemas.TopicCatalog;
import io.meshwarden.schemas.TopicSpec;
import io.meshwarden.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The apps of one integration test run against a broker, with a raw producer and a tail of Meshwarden's output topics
 * (violations, snapshots, observed ports, dead letters): started in order, closed in reverse. What the schema-registry
 * integration tests share, so that each says only what it checks.
 */
public final class MeshTestRun implements AutoCloseable {
    private final MeshwardenConfig config;
    private final List<AutoCloseable> apps = new ArrayList<>();
    private final KafkaProducer<byte[], byte[]> producer;
    private final TopicTail tail;

    @SafeVarargs
    private MeshTestRun(MeshwardenConfig config, Function<MeshwardenConfig, ? extends AutoCloseable>... starts) {
        this.config = config;
        for (Function<MeshwardenConfig, ? extends AutoCloseable> start : starts) {
            apps.add(0, start.apply(config));
        }
        TopicCatalog topics = config.topics();
        producer = new KafkaProducer<>(config.producerProperties("it"), new ByteArraySerializer(), new ByteArraySerializer());
        tail = TopicTail.of(config.bootstrapServers(), topics.name(Topics.VIOLATIONS), topics.name(Topics.SNAPSHOTS),
                topics.name(Topics.OBSERVED_PORTS), topics.name(Topics.DEAD_LETTER), topics.name(Topics.CATALOG));
    }

    /** Starts the apps, in this order (each from the run's configuration). */
    @SafeVarargs
    public static MeshTestRun start(MeshwardenConfig config, Function<MeshwardenConfig, ? extends AutoCloseable>... apps) {
        return new MeshTestRun(config, apps);
    }

    public TopicCatalog topics() {
        return config.topics();
    }

    public TopicTail tail() {
        return tail;
    }

    /** Writes the contract to the catalog, as governance does when it accepts one. */
    public void catalog(DataProductContract contract) {
        send(topics().name(Topics.CATALOG), contract.getId(), EventCodec.of(DataProductContract.class).encode(contract,
                OutputFormat.AVRO), null);
    }

    /** One record, flushed; {@code timestamp} null for the producer's clock. */
    public void send(String topic, String key, byte[] value, Long timestamp) {
        producer.send(new ProducerRecord<>(topic, null, timestamp, key.getBytes(StandardCharsets.UTF_8), value));
        producer.flush();
    }

    /** Everything on one of the tailed topics so far, decoded. */
    public <T extends SpecificRecord> List<T> decoded(TopicSpec<String, T> topic, Class<T> type) {
        EventCodec<T> codec = EventCodec.of(type);
        return tail.poll(topics().name(topic)).stream().map(record -> codec.decode(record.value())).toList();
    }

    /** The dead letters of records read from {@code sourceTopic}. */
    public List<ConsumerRecord<byte[], byte[]>> deadLetters(String sourceTopic) {
        return tail.poll(topics().name(Topics.DEAD_LETTER)).stream()
                .filter(dead -> sourceTopic.equals(DeadLetter.header(dead.headers(), DeadLetter.TOPIC_HEADER))).toList();
    }

    @Override
    public void close() throws Exception {
        tail.close();
        producer.close();
        for (AutoCloseable app : apps) {
            app.close();
        }
    }
}
