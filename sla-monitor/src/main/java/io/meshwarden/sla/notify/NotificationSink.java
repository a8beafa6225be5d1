package io.meshwarden.sla.notify;

import io.meshwarden.avro.Alert;
import java.util.Collection;

/** Where alert transitions go besides the alert topic: a router operations already run, or a webhook. */
interface NotificationSink {

    /** A short name for logs and dead letters. */
    String name();

    /**
     * Delivers one alert transition, retrying as the sink sees fit; throws {@link DeliveryFailedException}
     * when it gave up, so that the relay dead-letters the transition instead of losing it.
     */
    void deliver(Alert transition);

    /**
     * The alerts still active, re-sent at the sink's own interval so that a router which expires
     * silent alerts (Alertmanager's {@code resolve_timeout}) keeps them open. Nothing by default.
     */
    default void refresh(Collection<Alert> active) {
    }
}
