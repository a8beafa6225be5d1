package io.meshwarden.lineage;

import static io.meshwarden.lineage.LineageSamples.PRODUCT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.meshwarden.avro.AnomalyBands;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.QualitySnapshot;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.kafka.embedded.EmbeddedKafka;
import io.meshwarden.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwarden.kafka.embedded.TopicTail;
import io.meshwarden.schemas.Topic;
import io.meshwarden.schemas.Topics;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lineage app on a real broker: a contract on the catalog and a snapshot of it, with the product's
 * anomaly bands on their own topic, come out as OpenLineage events on the lineage topic (the run judged
 * by the bands), valid against the spec, and reach a local OpenLineage receiver that answers 503 twice
 * before it accepts.
 */
@EmbeddedKafka
class LineageIT {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void publishesAContractAndItsSnapshotAsOpenLineageEventsOnTheTopicAndOverHttp(EmbeddedKafkaBroker broker,
                                                                                   @TempDir Path stateDir) throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        AtomicInteger requests = new AtomicInteger();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/api/v1/lineage", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            boolean accept = requests.incrementAndGet() > 2;
            if (accept) {
                received.add(new String(body, StandardCharsets.UTF_8));
            }
            exchange.sendResponseHeaders(accept ? 201 : 503, -1);
            exchange.close();
        });
        receiver.start();
        MeshwardenConfig config = MeshwardenConfig.defaults(Map.of(Settings.BOOTSTRAP_SERVERS.key(), broker.bootstrapServers(),
                Settings.STATE_DIR.key(), stateDir.toString(), Settings.TOPIC_PARTITIONS.key(), "2",
                Settings.LINEAGE_HTTP_URL.key(), "http://127.0.0.1:" + receiver.getAddress().getPort() + "/api/v1/lineage",
                Settings.LINEAGE_HTTP_BACKOFF_MS.key(), "50"));
        Topic<String, DataProductContract> catalog = config.topics().topic(Topics.CATALOG);
        Topic<String, QualitySnapshot> snapshots = config.topics().topic(Topics.SNAPSHOTS);
        Topic<String, AnomalyBands> bands = config.topics().topic(Topics.ANOMALY_BANDS);
        String lineage = config.topics().name(Topics.LINEAGE);
        try (LineageService service = LineageService.start(config);
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config.producerProperties("lineage-it"),
                     org.apache.kafka.common.serialization.Serdes.String().serializer(),
                     org.apache.kafka.common.serialization.Serdes.ByteArray().serializer())) {
            await().atMost(WAIT).until(() -> service.state() == KafkaStreams.State.RUNNING);
            producer.send(new ProducerRecord<>(catalog.name(), PRODUCT,
                    catalog.valueSerde().serializer().serialize(catalog.name(), LineageSamples.contract()))).get();
            // As quality-streams writes them: the bands on their topic, the snapshot without them. Like the contract,
            // they are on the broker before the snapshot, which the task then processes after them.
            producer.send(new ProducerRecord<>(bands.name(), PRODUCT,
                    bands.valueSerde().serializer().serialize(bands.name(), LineageSamples.bands()))).get();
            producer.send(new ProducerRecord<>(snapshots.name(), PRODUCT,
                    snapshots.valueSerde().serializer().serialize(snapshots.name(), LineageSamples.snapshot()))).get();

            try (TopicTail tail = TopicTail.of(broker.bootstrapServers(), lineage)) {
                List<ConsumerRecord<byte[], byte[]>> events = await().atMost(WAIT).until(() -> tail.poll(lineage), list -> list.size() >= 2);
                assertThat(events).extracting(record -> new String(record.key(), StandardCharsets.UTF_8)).containsOnly(PRODUCT);
                List<String> json = events.stream().map(record -> new String(record.value(), StandardCharsets.UTF_8)).toList();
                assertThat(json).anySatisfy(event -> assertThat(event).contains("\"dataset\"", "\"kafka://" + broker.bootstrapServers().split(",")[0]))
                        .anySatisfy(event -> assertThat(event).contains("\"dataQualityAssertions\"", "\"anomaly:volume\""));
                json.forEach(event -> assertThat(OpenLineageSchemas.errors(event)).isEmpty());

                await().atMost(WAIT).until(() -> received.size() >= 2);
                assertThat(received).containsExactlyInAnyOrderElementsOf(json);
                assertThat(service.delivery().orElseThrow().failedAttempts()).isEqualTo(2);
            }
        } finally {
            receiver.stop(0);
        }
    }
}
