package io.meshwarden.quality.rolling;

import io.meshwarden.avro.AnomalyBands;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.MetricEvent;
import io.meshwarden.avro.QualitySnapshot;
import io.meshwarden.avro.Violation;
import io.meshwarden.quality.anomaly.AnomalyWatch;
import java.util.stream.Stream;

/** What the rolling quality processor writes; the topology sends each kind to its topic. */
public sealed interface QualityOutput {

    /** An anomaly judgement's violations, then the bands it changed. */
    static Stream<QualityOutput> of(AnomalyWatch.Judged judged) {
        return Stream.concat(judged.violations().stream().map(Breach::new), judged.bands().stream().map(Bands::new));
    }

    /** A product's measured quality over one closed window, keyed by product id. */
    record Snapshot(QualitySnapshot snapshot) implements QualityOutput {
    }

    /** A product's anomaly bands after a judgement changed them, keyed by product id. */
    record Bands(AnomalyBands bands) implements QualityOutput {
    }

    /** A completeness or freshness breach or recovery, keyed by product id. */
    record Breach(Violation violation) implements QualityOutput {
    }

    /**
     * A metric that cannot count (unknown product, late), with the bytes it arrived as when it
     * came from the metric topic; dead-letter headers are on the record.
     */
    record Rejected(QualityInput.Metric input) implements QualityOutput {
    }

    /** An output topic read in observed mode now belongs to this contract (null: to no product); keyed by topic. */
    record Port(DataProductContract contract) implements QualityOutput {
    }
}
