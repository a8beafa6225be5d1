package io.meshwarden.governance.odcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.governance.provisioning.TopicProperties;
import io.meshwarden.governance.yaml.YamlFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Observed mode opted into in ODCS: by a Kafka server's own custom property, or by the document's. */
class OdcsObservedTest {
    private static final Path OBSERVED = Path.of("src/test/resources/odcs-observed/kafka-server-observed.odcs.yaml");

    @Test
    void aServersKafkaObservedOptsInThatServersPortOnly() throws IOException {
        OdcsImport imported = OdcsImporter.importContract(OBSERVED.toString(), Files.readString(OBSERVED), null);
        DataProductContract contract = imported.contract();

        assertThat(contract.getProperties()).containsEntry(TopicProperties.OBSERVED_PORTS, "my-kafka")
                .doesNotContainKey(TopicProperties.OBSERVED);
        TopicProperties properties = TopicProperties.of(contract.getProperties());
        assertThat(properties.observes("my-kafka")).isTrue();
        assertThat(properties.observes("my-kafka-replica")).isFalse();
        assertThat(imported.warnings()).noneMatch(warning -> warning.contains(TopicProperties.OBSERVED));
    }

    @Test
    void theDocumentsKafkaObservedOptsInEveryPort() throws IOException {
        String text = Files.readString(OBSERVED).replace("domain: sales\n",
                "domain: sales\ncustomProperties:\n  - property: kafka.observed\n    value: \"true\"\n");
        TopicProperties properties = TopicProperties.of(OdcsImporter.importContract("doc.yaml", text, null).contract().getProperties());

        assertThat(properties.observes("my-kafka-replica")).isTrue();
    }

    @Test
    void refusesAServersKafkaObservedThatIsNeitherTrueNorFalseNamingItsLine() throws IOException {
        String text = Files.readString(OBSERVED).replace("value: true", "value: maybe");
        int line = lineOf(text, "value: maybe");

        assertThatThrownBy(() -> OdcsImporter.importContract("orders.yaml", text, null))
                .isInstanceOf(YamlFileException.class)
                .hasMessageContaining("orders.yaml:" + line + ": $.servers[0].customProperties[0].value")
                .hasMessageContaining("kafka.observed: must be true or false; was 'maybe'");
    }

    @Test
    void refusesADocumentsKafkaPropertyThatDoesNotParseNamingItsLine() throws IOException {
        String text = Files.readString(OBSERVED).replace("domain: sales\n",
                "domain: sales\ncustomProperties:\n  - property: kafka.observed\n    value: maybe\n");
        int line = lineOf(text, "value: maybe");

        assertThatThrownBy(() -> OdcsImporter.importContract("orders.yaml", text, null))
                .isInstanceOf(YamlFileException.class)
                .hasMessageContaining("orders.yaml:" + line + ": $.customProperties[0].value");
    }

    private static int lineOf(String text, String part) {
        return text.substring(0, text.indexOf(part)).split("\n", -1).length;
    }
}
