package io.meshwarden.lineage;

import static io.meshwarden.lineage.LineageSamples.PRODUCT;
import static io.meshwarden.lineage.LineageSamples.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwarden.avro.AnomalyBands;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.OutputPort;
import io.meshwarden.schemas.DeadLetter;
import io.meshwarden.schemas.DeadLetterReason;
import io.meshwarden.schemas.Topics;
import io.meshwarden.streams.testing.TopologyFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.streams.TopologyDescription;
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
        fixture.input(Topics.ANOMALY_BANDS).pipeInput(PRODUCT, LineageSamples.bands(), T0);
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
        assertThat(assertions(run)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "completeness", true,
                "required_field_completeness@campaign_id", true,
                "required_field_completeness@clicks", false,
                "freshness", true,
                "rowCount mustBeGreaterThan 100", true,
                "nullValues mustBeBetween [0, 2]@campaign_id", false,
                "anomaly:volume", true));
    }

    /** Each judged band of the product's latest bands is an assertion of the snapshot, which carries none itself. */
    @Test
    void takesTheAnomalyAssertionsFromTheBandsTopic() throws Exception {
        fixture.input(Topics.CATALOG).pipeInput(PRODUCT, LineageSamples.contract(), T0);
        fixture.input(Topics.ANOMALY_BANDS).pipeInput(PRODUCT, LineageSamples.bands(), T0);
        fixture.input(Topics.ANOMALY_BANDS).pipeInput(PRODUCT, LineageSamples.bands(Map.of(
                "volume", LineageSamples.band("anomalous"), "null-rate.clicks", LineageSamples.band("normal"),
                "arrival-gap", LineageSamples.band("warming-up"))), T0.plusMillis(1));
        fixture.output(Topics.LINEAGE).readRecordsToList();

        fixture.input(Topics.SNAPSHOTS).pipeInput(PRODUCT, LineageSamples.snapshot(), T0.plusSeconds(1));

        assertThat(anomalyAssertions(JSON.readTree(fixture.output(Topics.LINEAGE).readValue())))
                .as("the latest bands; none while warming up").containsExactlyInAnyOrderEntriesOf(Map.of(
                        "anomaly:volume", false, "anomaly:null-rate.clicks", true));
    }

    /** A snapshot of an earlier release carries its bands: those count, not the bands topic's. */
    @Test
    void aSnapshotOfAnEarlierReleaseIsJudgedByItsOwnBands() throws Exception {
        fixture.input(Topics.CATALOG).pipeInput(PRODUCT, LineageSamples.contract(), T0);
        fixture.input(Topics.ANOMALY_BANDS).pipeInput(PRODUCT, LineageSamples.bands(Map.of(
                "volume", LineageSamples.band("anomalous"), "null-rate.clicks", LineageSamples.band("anomalous"))), T0);
        fixture.output(Topics.LINEAGE).readRecordsToList();

        fixture.input(Topics.SNAPSHOTS).pipeInput(PRODUCT, LineageSamples.snapshotWithBands(), T0.plusSeconds(1));

        assertThat(anomalyAssertions(JSON.readTree(fixture.output(Topics.LINEAGE).readValue())))
                .containsExactlyEntriesOf(Map.of("anomaly:volume", true));
    }

    /** Without bands (none yet, or a tombstone when the product's detectors are gone) a run has no anomaly assertion. */
    @Test
    void aTombstoneOnTheBandsTopicLeavesTheNextRunsWithoutAnomalyAssertions() throws Exception {
        fixture.input(Topics.CATALOG).pipeInput(PRODUCT, LineageSamples.contract(), T0);
        fixture.output(Topics.LINEAGE).readRecordsToList();
        fixture.input(Topics.SNAPSHOTS).pipeInput(PRODUCT, LineageSamples.snapshot(), T0.plusSeconds(1));
        fixture.input(Topics.ANOMALY_BANDS).pipeInput(PRODUCT, LineageSamples.bands(), T0.plusSeconds(2));
        fixture.input(Topics.SNAPSHOTS).pipeInput(PRODUCT, LineageSamples.snapshot(), T0.plusSeconds(3));
        fixture.input(Topics.ANOMALY_BANDS).pipeInput(PRODUCT, null, T0.plusSeconds(4));

        fixture.input(Topics.SNAPSHOTS).pipeInput(PRODUCT, LineageSamples.snapshot(), T0.plusSeconds(5));

        List<String> runs = fixture.output(Topics.LINEAGE).readValuesToList();
        assertThat(runs).hasSize(3);
        assertThat(anomalyAssertions(JSON.readTree(runs.get(0)))).as("no bands yet").isEmpty();
        assertThat(anomalyAssertions(JSON.readTree(runs.get(1)))).containsExactlyEntriesOf(Map.of("anomaly:volume", true));
        assertThat(anomalyAssertions(JSON.readTree(runs.get(2)))).as("after the tombstone").isEmpty();
        assertThat(fixture.<AnomalyBands>store(LineageTopology.ANOMALY_BANDS_STORE).get(PRODUCT)).isNull();
    }

    @Test
    void deadLettersASnapshotOfAProductTheCatalogDoesNotKnowAsItArrived() {
        fixture.input(Topics.ANOMALY_BANDS).pipeInput(PRODUCT, LineageSamples.bands(), T0);
        fixture.input(Topics.SNAPSHOTS).pipeInput(PRODUCT, LineageSamples.snapshot(), T0);

        assertThat(fixture.output(Topics.LINEAGE).isEmpty()).isTrue();
        var deadLetter = fixture.deadLetters().readRecord();
        assertThat(DeadLetter.header(deadLetter.headers(), DeadLetter.REASON_HEADER)).isEqualTo(DeadLetterReason.UNKNOWN_PRODUCT.headerValue());
        assertThat(fixture.topics().topic(Topics.SNAPSHOTS).valueSerde().deserializer().deserialize("t", deadLetter.value()))
                .as("as it arrived, without the bands a run gets").isEqualTo(LineageSamples.snapshot());
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
        assertThat(description).contains(LineageTopology.CONTRACTS_STORE, LineageTopology.ANOMALY_BANDS_STORE,
                "mesh.lineage.openlineage", fixture.topics().name(Topics.ANOMALY_BANDS));
    }

    /** The snapshots' processor looks both tables up in its own task: they are in the snapshots' sub-topology. */
    @Test
    void theSnapshotsFindTheContractAndBandsStoresInTheirSubTopology() {
        List<Set<String>> storesBySubtopology = fixture.storesBySubtopology();
        Set<String> snapshotTopics = fixture.topology().describe().subtopologies().stream()
                .filter(subtopology -> subtopology.nodes().stream().anyMatch(node -> node.name().equals("lineage-snapshot-contract")))
                .flatMap(subtopology -> subtopology.nodes().stream())
                .filter(TopologyDescription.Source.class::isInstance)
                .flatMap(node -> ((TopologyDescription.Source) node).topicSet().stream())
                .collect(Collectors.toSet());

        assertThat(storesBySubtopology).filteredOn(stores -> stores.contains(LineageTopology.ANOMALY_BANDS_STORE)).singleElement()
                .satisfies(stores -> assertThat(stores).contains(LineageTopology.CONTRACTS_STORE));
        assertThat(snapshotTopics).containsExactlyInAnyOrder(fixture.topics().name(Topics.CATALOG),
                fixture.topics().name(Topics.SNAPSHOTS), fixture.topics().name(Topics.ANOMALY_BANDS));
    }

    /** Each data-quality assertion of the run's input as {@code <assertion>[@<column>]} to its success. */
    private static Map<String, Boolean> assertions(JsonNode run) {
        Map<String, Boolean> assertions = new TreeMap<>();
        run.path("inputs").get(0).path("inputFacets").path("dataQualityAssertions").path("assertions").forEach(assertion ->
                assertions.put(assertion.path("assertion").asText()
                        + (assertion.has("column") ? "@" + assertion.path("column").asText() : ""), assertion.path("success").asBoolean()));
        return assertions;
    }

    private static Map<String, Boolean> anomalyAssertions(JsonNode run) {
        Map<String, Boolean> anomalies = new TreeMap<>(assertions(run));
        anomalies.keySet().removeIf(name -> !name.startsWith("anomaly:"));
        return anomalies;
    }
}
