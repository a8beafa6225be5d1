package io.meshwarden.sla.access;

import io.meshwarden.avro.AccessRequest;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.schemas.Topics;
import io.meshwarden.sla.api.RequestRejectedException;
import io.meshwarden.streams.CompactedView;
import io.micronaut.context.annotation.Context;
import io.micronaut.http.HttpStatus;
import jakarta.annotation.PreDestroy;
import java.util.List;

/**
 * Every access request as the access service last wrote it: the compacted {@code access.requests}
 * topic in a {@link CompactedView} of this instance's own. Every instance holds all of it, so the
 * access API answers locally, without routing. The access service owns the topic: until it exists and
 * has been read to where it ended, the view answers 503 rather than an incomplete list.
 */
@Context // read from start-up on, so that the first request finds it complete
public class AccessRequestsView {
    private final CompactedView<AccessRequest> requests;

    public AccessRequestsView(MeshwardenConfig config) {
        this.requests = new CompactedView<>(config, config.topics().topic(Topics.ACCESS_REQUESTS), "sla-access-requests-view",
                () -> { }).start();
    }

    /** Every request; 503 while the view is not complete. */
    public List<AccessRequest> all() {
        requireCaughtUp();
        return List.copyOf(requests.values());
    }

    /** One request, or null; 503 while the view is not complete. */
    public AccessRequest get(String requestId) {
        requireCaughtUp();
        return requests.get(requestId);
    }

    private void requireCaughtUp() {
        if (!requests.caughtUp()) {
            throw new RequestRejectedException(HttpStatus.SERVICE_UNAVAILABLE, "access.requests", "the access requests are "
                    + "still being read from " + requests.topicName() + " (or the access service has not created it yet)");
        }
    }

    @PreDestroy
    void close() {
        requests.close();
    }
}
