package io.meshwarden.sla.access;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The body of {@code POST /api/access-requests}: the product, the principal that will read, why, and
 * for how long (ISO-8601, e.g. {@code P30D}); {@code actor} is who files it (default: the principal)
 * until the API takes it from authentication; {@code requestId} is optional (generated).
 */
@Serdeable
public record AccessRequestBody(@Nullable String productId, @Nullable String principal, @Nullable String purpose,
                                @Nullable String duration, @Nullable String actor, @Nullable String requestId) {
}
