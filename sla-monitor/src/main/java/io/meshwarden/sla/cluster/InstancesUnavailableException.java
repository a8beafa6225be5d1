package io.meshwarden.sla.cluster;

import java.util.Locale;

/**
 * No instance holding a product's partition answered: neither the active one nor any standby. Answered
 * with 503 and the {@link Coverage} headers naming the instances asked; clients retry.
 */
public final class InstancesUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Coverage coverage;

    InstancesUnavailableException(String store, int partition, Coverage coverage) {
        super(String.format(Locale.ROOT, "no instance answered for partition %d of %s (asked: %s); retry shortly",
                partition, store, coverage.unanswered().isEmpty() ? "none holds it now" : String.join(", ", coverage.unanswered())));
        this.coverage = coverage;
    }

    public Coverage coverage() {
        return coverage;
    }
}
