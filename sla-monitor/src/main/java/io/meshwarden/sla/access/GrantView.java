package io.meshwarden.sla.access;

import io.meshwarden.avro.AccessRequest;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** What a principal may read by one grant: the product, its topics, until when, and by which request. */
@Serdeable
public record GrantView(String productId, List<String> topics, String state, String expiresAt, String requestId,
                        List<String> approvers) {
    static GrantView of(AccessRequest grant) {
        return new GrantView(grant.getProductId(), List.copyOf(grant.getTopics()), grant.getState().name(),
                grant.getExpiresAt() == null ? null : grant.getExpiresAt().toString(), grant.getRequestId(),
                List.copyOf(grant.getApprovers()));
    }
}
