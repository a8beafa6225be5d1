package io.meshwarden.sla.api;

import io.micronaut.http.HttpStatus;

/**
 * A request the service refuses, answered with its status and the request field at fault: 400 for a
 * bad value ({@link InvalidParameterException}), 404 for an unknown resource, 409 for a conflicting state.
 */
public class RequestRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient HttpStatus status;
    private final String field;

    public RequestRejectedException(HttpStatus status, String field, String message) {
        super(message);
        this.status = status;
        this.field = field;
    }

    public static RequestRejectedException notFound(String field, String message) {
        return new RequestRejectedException(HttpStatus.NOT_FOUND, field, message);
    }

    public static RequestRejectedException conflict(String field, String message) {
        return new RequestRejectedException(HttpStatus.CONFLICT, field, message);
    }

    public HttpStatus status() {
        return status;
    }

    public String field() {
        return field;
    }
}
