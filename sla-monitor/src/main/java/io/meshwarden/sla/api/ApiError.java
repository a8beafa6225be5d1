package io.meshwarden.sla.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The JSON body of every error the API answers itself: what went wrong, and either the request
 * field at fault (400) or the Kafka Streams state that makes the data unavailable (503).
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String error, String field, String state) {

    public static ApiError badField(String field, String error) {
        return new ApiError(error, field, null);
    }

    public static ApiError unavailable(String state, String error) {
        return new ApiError(error, null, state);
    }
}
