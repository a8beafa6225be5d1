package io.meshwarden.sla.api;

import io.micronaut.http.HttpStatus;

/**
 * A request the service refuses, answered with its status and the request field at fault: 400 for a
 * bad value ({@link InvalidParameterException}), 404 for an unknown resource, 409 for a conflicting state;
 * or 403 with the role the caller lacks ({@link #forbidden}, e.g. from
 * {@link io.meshwarden.sla.security.DomainRoles#requireApprover}).
 */
public class RequestRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient HttpStatus status;
    private final String field;
    private final String role;

    public RequestRejectedException(HttpStatus status, String field, String message) {
        this(status, field, null, message);
    }

    private RequestRejectedException(HttpStatus status, String field, String role, String message) {
        super(message);
        this.status = status;
        this.field = field;
        this.role = role;
    }

    /** 403: the caller lacks this role. */
    public static RequestRejectedException forbidden(String role, String message) {
        return new RequestRejectedException(HttpStatus.FORBIDDEN, null, role, message);
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

    /** The missing role of a 403, else null. */
    public String role() {
        return role;
    }
}
