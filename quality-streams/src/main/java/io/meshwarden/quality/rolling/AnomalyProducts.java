package io.meshwarden.quality.rolling;

import io.meshwarden.quality.anomaly.AnomalyWatch;
import io.meshwarden.quality.catalog.Guarantees;

/** A product's guarantees as its anomaly detectors see it. */
final class AnomalyProducts {
    private AnomalyProducts() {
    }

    static AnomalyWatch.Product of(Guarantees guarantees) {
        return new AnomalyWatch.Product(guarantees.productId(), guarantees.domain(), guarantees.contractVersion(),
                guarantees.anomaly());
    }
}
