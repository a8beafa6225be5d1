package io.meshwarden.quality.impact;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.Decision;

/** What the impact processor reads: an accepted contract from the catalog, or a decision. */
sealed interface ImpactInput {
    /** A catalog record, with the version it replaced in the catalog (null: none). */
    record Accepted(DataProductContract previous, DataProductContract current) implements ImpactInput {
    }

    record Decided(Decision decision) implements ImpactInput {
    }
}
