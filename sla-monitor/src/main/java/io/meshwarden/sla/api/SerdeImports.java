package io.meshwarden.sla.api;

import io.meshwarden.sla.budget.SlaStatus;
import io.meshwarden.sla.timeliness.TimeObjective;
import io.micronaut.serde.annotation.SerdeImport;

/**
 * Lets the API serialize {@link SlaStatus} and its {@link TimeObjective}s, pure arithmetic records
 * kept free of serialization annotations.
 */
@SerdeImport(SlaStatus.class)
@SerdeImport(TimeObjective.class)
final class SerdeImports {
    private SerdeImports() {
    }
}
