package io.meshwarden.lineage;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.OutputPort;
import io.meshwarden.avro.QualitySnapshot;
import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineage.RunEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A quality snapshot as an OpenLineage {@link RunEvent}: the run of the job
 * {@code meshwarden / quality.<product id>} that measured one window, COMPLETE at the snapshot's
 * computation time, its window as the {@code nominalTime} run facet, and the product's measured
 * dataset as its input, carrying the {@code dataQualityMetrics} (records received as the row count,
 * per required field its null count) and {@code dataQualityAssertions} ({@link QualityAssertions})
 * input facets.
 *
 * <p>Why a run and not a dataset event: in OpenLineage 1.33.0 (spec 2-0-2) both data-quality facets
 * are input dataset facets ({@code InputDatasetFacet}), the outcome of a job that read the dataset,
 * and the client's {@code DatasetFacets} does not take them. This is how the spec's own quality
 * integrations (Great Expectations, dbt tests) report, and what Marquez and DataHub show as a
 * dataset's quality. The run id is derived from the product id and window end, so a snapshot
 * delivered twice is the same run.
 */
final class QualityRuns {
    static final String JOB_NAMESPACE = "meshwarden";

    private final OpenLineage openLineage;
    private final KafkaDatasets datasets;

    QualityRuns(OpenLineage openLineage, KafkaDatasets datasets) {
        this.openLineage = openLineage;
        this.datasets = datasets;
    }

    /** The run of {@code snapshot}; empty for a product without an output port (no dataset to measure). */
    Optional<RunEvent> event(QualitySnapshot snapshot, DataProductContract contract) {
        return KafkaDatasets.measuredPort(contract).map(port -> openLineage.newRunEventBuilder()
                .eventType(OpenLineage.RunEvent.EventType.COMPLETE)
                .eventTime(utc(snapshot.getComputedAt()))
                .run(openLineage.newRun(runId(snapshot), openLineage.newRunFacetsBuilder()
                        .nominalTime(openLineage.newNominalTimeRunFacet(utc(snapshot.getWindowStart()), utc(snapshot.getWindowEnd())))
                        .build()))
                .job(openLineage.newJob(JOB_NAMESPACE, "quality." + snapshot.getProductId(), openLineage.newJobFacetsBuilder()
                        .jobType(openLineage.newJobTypeJobFacet("STREAMING", "MESHWARDEN", "QUALITY_CHECK")).build()))
                .inputs(List.of(input(snapshot, contract, port)))
                .outputs(List.of())
                .build());
    }

    private OpenLineage.InputDataset input(QualitySnapshot snapshot, DataProductContract contract, OutputPort port) {
        var columns = openLineage.newDataQualityMetricsInputDatasetFacetColumnMetricsBuilder();
        long received = snapshot.getRecordsReceived();
        snapshot.getRequiredFieldCompleteness().forEach((field, ratio) -> columns.put(field,
                openLineage.newDataQualityMetricsInputDatasetFacetColumnMetricsAdditionalBuilder()
                        .nullCount(Math.round(received * (1 - ratio))).count((double) received).build()));
        var metrics = openLineage.newDataQualityMetricsInputDatasetFacetBuilder().rowCount(received)
                .columnMetrics(columns.build()).build();
        var assertions = openLineage.newDataQualityAssertionsDatasetFacet(QualityAssertions.of(openLineage, snapshot, contract));
        return openLineage.newInputDatasetBuilder().namespace(datasets.namespace()).name(port.getTopic())
                .inputFacets(openLineage.newInputDatasetInputFacetsBuilder().dataQualityMetrics(metrics)
                        .dataQualityAssertions(assertions).build())
                .build();
    }

    private static UUID runId(QualitySnapshot snapshot) {
        return UUID.nameUUIDFromBytes((snapshot.getProductId() + "@" + snapshot.getWindowEnd().toEpochMilli())
                .getBytes(StandardCharsets.UTF_8));
    }

    private static ZonedDateTime utc(Instant instant) {
        return instant.atZone(ZoneOffset.UTC);
    }
}
