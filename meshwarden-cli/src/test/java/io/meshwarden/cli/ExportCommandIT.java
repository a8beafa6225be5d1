package io.meshwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.governance.contract.ContractYaml;
import io.meshwarden.governance.odcs.OdcsImporter;
import io.meshwarden.kafka.embedded.EmbeddedKafka;
import io.meshwarden.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwarden.schemas.Topic;
import io.meshwarden.schemas.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** `meshwarden export odcs PRODUCT` reads the product's latest contract from the catalog topic of a real broker. */
@EmbeddedKafka
class ExportCommandIT {
    private static final String PREFIX = "export-it.";

    @Test
    void exportsTheLatestCatalogEntryOfAProduct(EmbeddedKafkaBroker broker) throws Exception {
        MeshwardenConfig config = MeshwardenConfig.defaults(Map.of(Settings.BOOTSTRAP_SERVERS.key(), broker.bootstrapServers(),
                Settings.TOPIC_PREFIX.key(), PREFIX));
        Topic<String, DataProductContract> catalog = config.topics().topic(Topics.CATALOG);
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(catalog.name(), 2, (short) 1))).all().get();
        }
        DataProductContract first = ContractYaml.read(Path.of("../mesh-local/src/main/resources/demo/contracts/email.send-engagement.yaml"));
        DataProductContract second = DataProductContract.newBuilder(first).setVersion("1.1.0").build();
        DataProductContract other = ContractYaml.read(Path.of("../mesh-local/src/main/resources/demo/contracts/social.post-reach.yaml"));
        try (KafkaProducer<String, DataProductContract> producer = new KafkaProducer<>(
                Map.<String, Object>of("bootstrap.servers", broker.bootstrapServers()), new StringSerializer(), catalog.valueSerde().serializer())) {
            for (DataProductContract contract : List.of(first, other, second)) {
                producer.send(new ProducerRecord<>(catalog.name(), contract.getId(), contract)).get();
            }
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit = Meshwarden.run(new PrintWriter(out, true), new PrintWriter(err, true), "-b", broker.bootstrapServers(),
                "--topic-prefix", PREFIX, "export", "odcs", "email.send-engagement");

        assertThat(exit).as(err.toString()).isZero();
        DataProductContract exported = OdcsImporter.importContract("exported.yaml", out.toString(), null).contract();
        assertThat(exported.getId()).isEqualTo("email.send-engagement");
        assertThat(exported.getVersion()).isEqualTo("1.1.0");
        assertThat(exported.getProductSchema()).isEqualTo(first.getProductSchema());

        StringWriter missing = new StringWriter();
        int notFound = Meshwarden.run(new PrintWriter(out, true), new PrintWriter(missing, true), "-b", broker.bootstrapServers(),
                "--topic-prefix", PREFIX, "export", "odcs", "email.no-such-product");
        assertThat(notFound).isEqualTo(Meshwarden.BAD_INPUT);
        assertThat(missing.toString()).contains("'email.no-such-product' is neither a file nor a product in the catalog " + catalog.name());
    }
}
