package io.meshwarden.sla.cluster;

import io.meshwarden.sla.streams.SlaStreams;
import jakarta.inject.Singleton;

/** Hands out {@link StoreView}s of this instance's stores, one per scope of a read. */
@Singleton
public class LocalStores {
    private final SlaStreams streams;

    public LocalStores(SlaStreams streams) {
        this.streams = streams;
    }

    public StoreView view(Scope scope) {
        return new StoreView(streams, scope);
    }

    /** Every active partition of this instance: what it alone holds, as its Prometheus gauges report it. */
    public StoreView active() {
        return view(Scope.LOCAL_ACTIVE);
    }
}
