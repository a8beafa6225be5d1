package io.meshwarden.quality.rolling;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.MetricEvent;
import io.meshwarden.avro.QualitySnapshot;
import io.meshwarden.avro.Violation;

/** What the rolling quality processor writes; the topology sends each kind to its topic. */
public sealed interface QualityOutput {

    /** A product's measured quality over one closed window, keyed by product id. */
    record Snapshot(QualitySnapshot snapshot) implements QualityOutput {
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
