package io.meshwarden.lineage;

import static io.meshwarden.lineage.LineageSamples.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.Ownership;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenLineageSchemaTest {
    private final LineageEvents events = new LineageEvents(new KafkaDatasets("kafka://localhost:9092"));

    @Test
    void anAcceptedContractsDatasetEventValidatesAgainstTheSpecAndItsFacetSchemas() {
        List<String> json = events.contract(LineageSamples.contract(), T0);

        assertThat(json).singleElement().satisfies(event -> assertThat(OpenLineageSchemas.errors(event)).isEmpty());
    }

    @Test
    void aContractWithNestedRecordsAndNeitherOwnerNorDescriptionStillValidates() {
        DataProductContract contract = LineageSamples.contract();
        contract.setOwner(Ownership.newBuilder().setTeam(null).setSteward(null).build());
        contract.setDescription(null);
        contract.setProductSchema("{\"type\":\"record\",\"name\":\"Node\",\"fields\":[{\"name\":\"id\",\"type\":\"string\"},"
                + "{\"name\":\"at\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}},"
                + "{\"name\":\"geo\",\"type\":[\"null\",{\"type\":\"record\",\"name\":\"Geo\",\"fields\":[{\"name\":\"country\",\"type\":\"string\"}]}]},"
                + "{\"name\":\"next\",\"type\":[\"null\",\"Node\"]}]}");

        String event = events.contract(contract, T0).get(0);

        assertThat(OpenLineageSchemas.errors(event)).isEmpty();
        assertThat(event).contains("\"name\":\"country\"", "\"type\":\"timestamp-millis\"").doesNotContain("\"ownership\"");
    }

    @Test
    void aQualitySnapshotsRunEventValidatesAgainstTheSpecAndItsFacetSchemas() {
        List<String> json = events.snapshot(LineageSamples.snapshotWithBands(), LineageSamples.contract());

        assertThat(json).singleElement().satisfies(event -> assertThat(OpenLineageSchemas.errors(event)).isEmpty());
    }

    @Test
    void theValidatorRefusesAnEventThatBreaksTheSpec() {
        String event = events.snapshot(LineageSamples.snapshotWithBands(), LineageSamples.contract()).get(0);

        assertThat(OpenLineageSchemas.errors(event.replace("\"eventTime\"", "\"eventTimes\""))).isNotEmpty();
        assertThat(OpenLineageSchemas.errors(event.replace("\"success\":true", "\"success\":\"yes\""))).isNotEmpty();
        String contract = events.contract(LineageSamples.contract(), T0).get(0);
        assertThat(OpenLineageSchemas.errors(contract.replace("\"status\":\"active\"", "\"status\":\"gone\""))).isNotEmpty();
    }
}
