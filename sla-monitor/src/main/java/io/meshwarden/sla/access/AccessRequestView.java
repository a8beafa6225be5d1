package io.meshwarden.sla.access;

import io.meshwarden.avro.AccessRequest;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** One access request as the API shows it; instants as ISO-8601 text. */
@Serdeable
public record AccessRequestView(String requestId, String productId, String principal, String requestedBy, String purpose,
                                String duration, String state, int requiredApprovals, List<String> approvers,
                                List<String> allowedApprovers, List<String> topics, @Nullable String decidedBy,
                                @Nullable String reason, String requestedAt, @Nullable String approvedAt,
                                @Nullable String expiresAt, String changedAt) {
    public static final Comparator<AccessRequestView> NEWEST_CHANGE_FIRST =
            Comparator.comparing(AccessRequestView::changedAt).reversed().thenComparing(AccessRequestView::requestId);

    public static AccessRequestView of(AccessRequest request) {
        return new AccessRequestView(request.getRequestId(), request.getProductId(), request.getPrincipal(),
                request.getRequestedBy(), request.getPurpose(), request.getDuration(), request.getState().name(),
                request.getRequiredApprovals(), List.copyOf(request.getApprovers()), List.copyOf(request.getAllowedApprovers()),
                List.copyOf(request.getTopics()), request.getDecidedBy(), request.getReason(), iso(request.getRequestedAt()),
                iso(request.getApprovedAt()), iso(request.getExpiresAt()), iso(request.getChangedAt()));
    }

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
