package io.meshwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.GroupReader;
import io.meshwarden.avro.TopicReaders;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.kafka.embedded.EmbeddedKafka;
import io.meshwarden.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwarden.schemas.Samples;
import io.meshwarden.schemas.Topic;
import io.meshwarden.schemas.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code meshwarden -b HOST:PORT diff OLD NEW} prints who a breaking change hits, from a real broker's catalog and readers topics;
 * {@code ci} takes the previous version from that catalog and {@code docs --catalog} documents it.
 */
@EmbeddedKafka
class DiffImpactIT {
    private static final String PREFIX = "diff-it.";
    private static final String V2 = DiffCommandTest.DIR + "campaign-performance-2.0.0.yaml";
    private static String bootstrap;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void catalogAndReaders(EmbeddedKafkaBroker broker) throws Exception {
        bootstrap = broker.bootstrapServers();
        MeshwardenConfig config = MeshwardenConfig.defaults(Map.of(Settings.BOOTSTRAP_SERVERS.key(), bootstrap,
                Settings.TOPIC_PREFIX.key(), PREFIX));
        Topic<String, DataProductContract> catalog = config.topics().topic(Topics.CATALOG);
        Topic<String, TopicReaders> readers = config.topics().topic(Topics.READERS);
        broker.createTopic(catalog.name(), 2, true);
        broker.createTopic(readers.name(), 2, true);
        DataProductContract attribution = Samples.contract("customer-analytics.attribution");
        attribution.setUpstreamProducts(List.of("paid-media.campaign-performance"));
        try (KafkaProducer<String, DataProductContract> contracts = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers",
                bootstrap), new StringSerializer(), catalog.valueSerde().serializer());
             KafkaProducer<String, TopicReaders> reading = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", bootstrap),
                     new StringSerializer(), readers.valueSerde().serializer())) {
            contracts.send(new ProducerRecord<>(catalog.name(), attribution.getId(), attribution)).get();
            String topic = "paid-media.campaign-performance.v1";
            reading.send(new ProducerRecord<>(readers.name(), topic, new TopicReaders(topic, List.of(
                    new GroupReader("customer-analytics.attribution-loader", 0L, "customer-analytics-team", null, null),
                    new GroupReader("marketing-ops.spend-dashboard-reader", 6L, "marketing-ops-team", null, null)), List.of(), Samples.T0))).get();
        }
    }

    private int run(String... args) {
        return Meshwarden.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void printsTheDownstreamProductsAndGroupsABreakingChangeHits() {
        int exit = run("-b", bootstrap, "--topic-prefix", PREFIX, "diff", DiffCommandTest.V1, V2);

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("IMPACT     breaking-change of paid-media.campaign-performance hits 1 downstream product(s), 2 consumer"
                        + " group(s), 0 read grant(s); owners notified: customer-analytics-team, marketing-ops-team")
                .containsPattern("downstream customer-analytics.attribution +owner customer-analytics-team")
                .containsPattern("group +marketing-ops.spend-dashboard-reader +on paid-media.campaign-performance.v1, lag 6 +owner"
                        + " marketing-ops-team");
    }

    @Test
    void addsTheImpactToTheJsonObject() throws Exception {
        int exit = run("-b", bootstrap, "--topic-prefix", PREFIX, "diff", "--format", "json", DiffCommandTest.V1, V2);

        assertThat(exit).as(err.toString()).isZero();
        JsonNode impact = new ObjectMapper().readTree(out.toString()).get("impact");
        assertThat(impact.get("kind").asText()).isEqualTo("BREAKING_CHANGE");
        assertThat(impact.get("consumerGroups")).hasSize(2);
        assertThat(impact.get("owners")).extracting(JsonNode::asText).containsExactly("customer-analytics-team", "marketing-ops-team");
    }

    @Test
    void aMinorVersionPrintsNoImpact() {
        int exit = run("-b", bootstrap, "--topic-prefix", PREFIX, "diff", DiffCommandTest.V1,
                DiffCommandTest.DIR + "campaign-performance-1.1.0.yaml");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).doesNotContain("IMPACT");
    }

    @Test
    void ciTakesThePreviousVersionFromTheCatalogWhenTheBrokerAnswers(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("attribution.yaml");
        Files.writeString(file, Files.readString(Path.of(ValidateCommandTest.DEMO, "customer-analytics.attribution.yaml"))
                .replace("version: 1.0.0", "version: 9.0.0"));

        int exit = run("--topic-prefix", PREFIX, "ci", "-b", bootstrap, file.toString());

        assertThat(out.toString()).contains("customer-analytics.attribution  1.0.0 -> 9.0.0  (catalog@1.0.0 -> " + file + ")")
                .contains("OK         required bump");
        assertThat(exit).as(err.toString()).isEqualTo(out.toString().contains("\nREJECTED  ") ? Meshwarden.REJECTED : 0);
    }

    @Test
    void docsDocumentsTheCatalog(@TempDir Path site) throws Exception {
        int exit = run("-b", bootstrap, "--topic-prefix", PREFIX, "docs", "--catalog", "-o", site.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("WROTE " + site.resolve("index.html") + " (1 product page(s))");
        assertThat(Files.readString(site.resolve("customer-analytics.attribution.html")))
                .contains("paid-media.campaign-performance (not in this catalog)");
    }
}
