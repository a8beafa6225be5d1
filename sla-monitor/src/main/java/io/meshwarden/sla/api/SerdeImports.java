package io.meshwarden.sla.api;

import io.meshwarden.sla.budget.SlaStatus;
import io.micronaut.serde.annotation.SerdeImport;

/** Lets the API serialize {@link SlaStatus}, a pure arithmetic record kept free of serialization annotations. */
@SerdeImport(SlaStatus.class)
final class SerdeImports {
    private SerdeImports() {
    }
}
