package io.meshwarden.quality.rolling;

import io.meshwarden.quality.accuracy.AccuracyWatch;
import io.meshwarden.quality.anomaly.AnomalyWatch;
import io.meshwarden.quality.catalog.Guarantees;
import java.util.Optional;

/** A product's guarantees as its anomaly detectors and its reconciliation see it. */
final class WatchedProducts {
    private WatchedProducts() {
    }

    static AnomalyWatch.Product anomaly(Guarantees guarantees) {
        return new AnomalyWatch.Product(guarantees.productId(), guarantees.domain(), guarantees.contractVersion(),
                guarantees.anomaly());
    }

    /** Reconciled when it is checked and promises an accuracy; its periods are its completeness window's. */
    static Optional<AccuracyWatch.Product> accuracy(Guarantees guarantees, long stepMs) {
        if (!guarantees.checked() || guarantees.accuracyTolerance().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new AccuracyWatch.Product(guarantees.productId(), guarantees.domain(), guarantees.contractVersion(),
                guarantees.accuracyTolerance().get(), guarantees.periodMs(stepMs)));
    }
}
