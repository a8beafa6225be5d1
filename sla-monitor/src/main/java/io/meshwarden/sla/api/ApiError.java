package io.meshwarden.sla.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The JSON body of every error the API answers itself: what went wrong, and the request field at
 * fault (400, 404, 409; {@code Authorization} for a 401), the role that was missing (403), or the
 * Kafka Streams state that makes the data unavailable (503).
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String error, String field, String state, String role) {

    public static ApiError badField(String field, String error) {
        return new ApiError(error, field, null, null);
    }

    public static ApiError unavailable(String state, String error) {
        return new ApiError(error, null, state, null);
    }

    /** A 403: the caller is known but lacks this role. */
    public static ApiError forbidden(String role, String error) {
        return new ApiError(error, null, null, role);
    }
}
