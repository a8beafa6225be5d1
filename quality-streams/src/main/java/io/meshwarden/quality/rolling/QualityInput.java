package io.meshwarden.quality.rolling;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.MetricEvent;

/** What the rolling quality processor reads, keyed by product id: an accepted contract, or a measurement. */
public sealed interface QualityInput {

    /** A contract from the catalog topic: the guarantees in force from now on. */
    record Contract(DataProductContract contract) implements QualityInput {
    }

    /**
     * A metric event, published by a domain pipeline (with the bytes it arrived as) or made by
     * observed mode from the product's own records (no original bytes: null).
     */
    record Metric(MetricEvent metric, byte[] originalKey, byte[] originalValue) implements QualityInput {
    }
}
