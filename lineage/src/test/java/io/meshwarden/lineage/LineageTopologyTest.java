package io.meshwarden.lineage;

import static io.meshwarden.lineage.LineageSamples.PRODUCT;
import static io.meshwarden.lineage.LineageSamples.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.OutputPort;
import io.meshwarden.schemas.DeadLetter;
import io.meshwarden.schemas.DeadLetterReason;
import io.meshwarden.schemas.Topics;
import io.meshwarden.streams.testing.TopologyFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class LineageTopologyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NAMESPACE = "kafka://broker-1.example:9092";

    @AutoClose
    private final TopologyFixture fixture = TopologyFixture.start(LineageTopology.APPLICATION_SUFFIX, T0,
            (topics, properties) -> LineageTopology.build(topics, new LineageEvents(new KafkaDatasets(NAMESPACE)), properties));

    @Test
    void emitsADatasetEventPerOutputPortOfEveryAcceptedContract() throws Exception {
        DataProductContract contract = LineageSamples.contract();
        contract.setOutputPorts(List.of(contract.getOutputPorts().get(0), OutputPort.newBuilder().setName("daily")
                .setTopic(PRODUCT + ".daily.v1").setFormat("json").setClassification(null).build()));

        fixture.input(Topics.CATALOG).pipeInput(PRODUCT, contract, T0);

        List<TestRecord<String, String>> events = fixture.output(Topics.LINEAGE).readRecordsToList();
        assertThat(events).extracting(TestRecord::key).containsExactly(PRODUCT, PRODUCT);
        JsonNode first = JSON.readTree(events.get(0).value());
        assertThat(first.path("eventTime").asText()).isEqualTo("2026-11-25T09:00:00Z");
        assertThat(first.path("dataset").path("namespace").asText()).isEqualTo(NAMESPACE);
        assertThat(List.of(first, JSON.readTree(events.get(1).value()))).extracting(event -> event.path("dataset").path("name").asText())
                .containsExactly(PRODUCT + ".v1", PRODUCT + ".daily.v1");
        JsonNode facets = first.path("dataset").path("facets");
        assertThat(facets.path("schema").path("fields")).extracting(field -> field.path("name").asText() + ":" + field.path("type").asText())
                .containsExactly("campaign_id:string", "clicks:long", "email:string");
        assertThat(facets.path("schema").path("fields").get(0).path("description").asText()).isEqualTo("the campaign_id");
        assertThat(facets.path("ownership").path("owners")).extracting(owner -> owner.path("name").asText() + "/" + owner.path("type").asText())
                .containsExactly("team:paid-media-team/OWNER", "user:steward@paid-media.example/STEWARD");
        assertThat(facets.path("documentation").path("description").asText()).isEqualTo("Daily performance of every campaign");
        assertThat(facets.path("version").path("datasetVersion").asText()).isEqualTo("1.0.0");
        JsonNode product = facets.path(DataProductFacet.NAME);
        assertThat(product.path("domain").asText()).isEqualTo("paid-media");
        assertThat(product.path("ownerTeam").asText()).isEqualTo("paid-media-team");
        assertThat(product.path("status").asText()).isEqualTo("active");
        assertThat(product.path("version").asText()).isEqualTo("1.0.0");
        assertThat(product.path("_schemaURL").asText()).isEqualTo(DataProductFacet.SCHEMA_URL.toString());
    }

    @Test
    void emitsEveryAcceptedVersionNotOnlyTheLast() {
        DataProductContract next = LineageSamples.contract();
        next.setVersion("1.1.0");

        fixture.input(Topics.CATALOG).pipeInput(PRODUCT, LineageSamples.contract(), T0);
        fixture.input(Topics.CATALOG).pipeInput(PRODUCT, next, T0.plusMillis(1));

        assertThat(fixture.output(Topics.LINEAGE).readValuesToList()).hasSize(2).last().asString().contains("\"datasetVersion\":\"1.1.0\"");
    }

    @Test
    void emitsAQualitySnapshotAsARunWithDataQualityFacetsOnTheMeasuredDataset() throws Exception {
        fixture.input(Topics.CATALOG).pipeInput(PRODUCT, LineageSamples.contract(), T0);
        fixture.output(Topics.LINEAGE).readRecordsToList();

        fixture.input(Topics.SNAPSHOTS).pipeInput(PRODUCT, LineageSamples.snapshot(), T0.plusSeconds(1));

        List<TestRecord<String, String>> events = fixture.output(Topics.LINEAGE).readRecordsToList();
        assertThat(events).singleElement().extracting(TestRecord::key).isEqualTo(PRODUCT);
        JsonNode run = JSON.readTree(events.get(0).value());
        assertThat(run.path("eventType").asText()).isEqualTo("COMPLETE");
        assertThat(run.path("job").path("name").asText()).isEqualTo("quality." + PRODUCT);
        assertThat(run.path("run").path("facets").path("nominalTime").path("nominalEndTime").asText()).isEqualTo("2026-11-25T09:00:00Z");
        JsonNode input = run.path("inputs").get(0);
        assertThat(input.path("namespace").asText() + "/" + input.path("name").asText()).isEqualTo(NAMESPACE + "/" + PRODUCT + ".v1");
        JsonNode metrics = input.path("inputFacets").path("dataQualityMetrics");
        assertThat(metrics.path("rowCount").asLong()).isEqualTo(1000);
        assertThat(metrics.path("columnMetrics").path("clicks").path("nullCount").asLong()).isEqualTo(10);
        assertThat(metrics.path("columnMetrics").path("campaign_id").path("nullCount").asLong()).isZero();
        Map<String, Boolean> assertions = new java.util.TreeMap<>();
        input.path("inputFacets").path("dataQualityAssertions").path("assertions").forEach(assertion -> assertions.put(
                assertion.path("assertion").asText() + (assertion.has("column") ? "@" + assertion.path("column").asText() : ""),
                assertion.path("success").asBoolean()));
        assertThat(assertions).containsExactlyInAnyOrderEntriesOf(Map.of(
                "completeness", true,
                "required_field_completeness@campaign_id", true,
                "required_field_completeness@clicks", false,
                "freshness", true,
                "rowCount mustBeGreaterThan 100", true,
                "nullValues mustBeBetween [0, 2]@campaign_id", false,
                "anomaly:volume", true));
    }

    @Test
    void deadLettersASnapshotOfAProductTheCatalogDoesNotKnowAsItArrived() {
        fixture.input(Topics.SNAPSHOTS).pipeInput(PRODUCT, LineageSamples.snapshot(), T0);

        assertThat(fixture.output(Topics.LINEAGE).isEmpty()).isTrue();
        var deadLetter = fixture.deadLetters().readRecord();
        assertThat(DeadLetter.header(deadLetter.headers(), DeadLetter.REASON_HEADER)).isEqualTo(DeadLetterReason.UNKNOWN_PRODUCT.headerValue());
        assertThat(fixture.topics().topic(Topics.SNAPSHOTS).valueSerde().deserializer().deserialize("t", deadLetter.value()))
                .isEqualTo(LineageSamples.snapshot());
    }

    @Test
    void deadLettersAnUndecodableSnapshot() {
        fixture.rawInput(Topics.SNAPSHOTS).pipeInput(PRODUCT.getBytes(), "not a snapshot".getBytes());

        assertThat(fixture.output(Topics.LINEAGE).isEmpty()).isTrue();
        assertThat(DeadLetter.header(fixture.deadLetters().readRecord().headers(), DeadLetter.REASON_HEADER))
                .isEqualTo(DeadLetterReason.UNDECODABLE.headerValue());
    }

    @Test
    void aProductWithoutOutputPortsHasNoDatasetAndATombstoneEmitsNothing() {
        DataProductContract portless = LineageSamples.contract();
        portless.setOutputPorts(new ArrayList<>());

        fixture.input(Topics.CATALOG).pipeInput(PRODUCT, portless, T0);
        fixture.input(Topics.CATALOG).pipeInput(PRODUCT, null, T0.plusMillis(1));

        assertThat(fixture.output(Topics.LINEAGE).isEmpty()).isTrue();
        assertThat(fixture.deadLetters().isEmpty()).isTrue();
    }

    @Test
    void everyProcessorStoreAndTopicIsNamed() {
        String description = fixture.topology().describe().toString();

        assertThat(description).doesNotContain("KSTREAM-", "KTABLE-", "KSTREAM-SOURCE-");
        assertThat(description).contains(LineageTopology.CONTRACTS_STORE, "mesh.lineage.openlineage");
    }
}
