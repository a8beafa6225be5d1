package io.meshwarden.local;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Setting;
import io.meshwarden.config.Settings;
import io.meshwarden.schemas.Replication;
import io.meshwarden.schemas.Topic;
import io.meshwarden.schemas.TopicProvisioner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.random.RandomGenerator;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The demo's product in observed mode, {@value #PRODUCT} (authored as ODCS, with quality rules):
 * its pipeline writes each round's e-mail sends to the product's own output topic (Avro
 * single-object encoding of the schema the ODCS import derives from the document's properties),
 * which quality-streams reads itself, so this product publishes no metric events. From
 * {@link #OUTAGE_FROM} to {@link #OUTAGE_UNTIL} after its registration a tracking outage writes sends without a
 * subscriber address ({@code "unknown"}) and without {@code opened}: the ODCS rules
 * {@code $.schema[0].properties[1].quality[0]} (invalidValues by pattern) and
 * {@code $.schema[0].properties[2].quality[0]} (nullValues) BREACH when that window step is judged,
 * and RECOVER at the next step. The demo's window step is {@link #WINDOW_STEP}, so this is seen
 * within about a minute of start.
 */
final class DemoSendEngagement implements AutoCloseable {
    static final String PRODUCT = "email.send-engagement";
    static final Duration OUTAGE_FROM = Duration.ofSeconds(20);
    static final Duration OUTAGE_UNTIL = Duration.ofSeconds(30);
    /** The window step, and with it the window of every ODCS quality rule, of the demo. */
    static final Duration WINDOW_STEP = Duration.ofSeconds(10);
    /** How late a record may be and still count: a step is judged one grace after its end. */
    static final Duration GRACE = Duration.ofSeconds(10);
    /** First records a little after registration: the contract reaches observed mode through governance and the catalog. */
    private static final Duration RECORDS_FROM = Duration.ofSeconds(5);
    private static final int SENDS_PER_ROUND = 10;

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final Schema schema;
    private final BinaryMessageEncoder<GenericRecord> encoder;
    private final RandomGenerator random;
    private volatile Instant registered;
    private long sends;

    DemoSendEngagement(MeshwardenConfig config, RandomGenerator random) {
        this.producer = new KafkaProducer<>(config.producerProperties("meshwarden-demo-" + PRODUCT), new StringSerializer(),
                new ByteArraySerializer());
        DataProductContract contract = contract();
        this.topic = contract.getOutputPorts().get(0).getTopic();
        this.schema = new Schema.Parser().parse(contract.getProductSchema());
        this.encoder = new BinaryMessageEncoder<>(GenericData.get(), schema);
        this.random = random;
    }

    /** The product's contract was published at this instant: the scenario's time starts here. */
    void registered(Instant at) {
        registered = at;
    }

    /**
     * The demo's settings over {@code config}: observed mode on for this product's topic, the demo's
     * window step and grace; each only where no layer (file, environment, command line) set it.
     */
    static MeshwardenConfig configure(MeshwardenConfig config) {
        MeshwardenConfig demo = config;
        for (Map.Entry<Setting, String> setting : Map.of(
                Settings.QUALITY_OBSERVED_TOPIC_PATTERN, Pattern.quote(outputTopic()),
                Settings.QUALITY_WINDOW_STEP_MS, Long.toString(WINDOW_STEP.toMillis()),
                Settings.QUALITY_GRACE_MS, Long.toString(GRACE.toMillis())).entrySet()) {
            if (config.get(setting.getKey()).equals(setting.getKey().defaultValue())) {
                demo = demo.with(setting.getKey().key(), setting.getValue());
            }
        }
        return demo;
    }

    /**
     * Creates the product's output topic if it does not exist: before quality-streams starts, because a
     * pattern subscription sees a topic created later only at its next metadata refresh (minutes).
     */
    static void createOutputTopic(MeshwardenConfig config) {
        try (Admin admin = Admin.create(config.adminProperties())) {
            Replication replication = Replication.decide(config.getInt(Settings.TOPIC_REPLICATION_FACTOR), admin);
            Topic<String, String> port = new Topic<>(outputTopic(), Serdes.String(), Serdes.String(), false,
                    "output port of the demo product " + PRODUCT + ", read in observed mode");
            new TopicProvisioner(admin, config.getInt(Settings.TOPIC_PARTITIONS), replication).ensure(List.of(port));
        }
    }

    /** Writes this round's sends, if the product writes at all yet. */
    void publish(Instant now) {
        Instant from = registered;
        Duration elapsed = from == null ? Duration.ZERO : Duration.between(from, now);
        if (from == null || elapsed.compareTo(RECORDS_FROM) < 0) {
            return;
        }
        boolean outage = elapsed.compareTo(OUTAGE_FROM) >= 0 && elapsed.compareTo(OUTAGE_UNTIL) < 0;
        for (int i = 0; i < SENDS_PER_ROUND; i++) {
            String sendId = "send-" + ++sends;
            GenericRecord send = new GenericData.Record(schema);
            send.put("send_id", sendId);
            send.put("subscriber_email", outage ? "unknown" : "subscriber-" + random.nextInt(100_000) + "@example.com");
            send.put("opened", outage ? null : random.nextBoolean());
            producer.send(new ProducerRecord<>(topic, null, now.toEpochMilli(), sendId, encode(send)));
        }
        producer.flush();
    }

    private byte[] encode(GenericRecord send) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            encoder.encode(send, bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a send of " + PRODUCT, e);
        }
    }

    private static String outputTopic() {
        return contract().getOutputPorts().get(0).getTopic();
    }

    private static DataProductContract contract() {
        return DemoProducts.all().stream().filter(product -> product.getId().equals(PRODUCT)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the demo contracts have no " + PRODUCT));
    }

    @Override
    public void close() {
        producer.close();
    }
}
