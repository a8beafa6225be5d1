package io.meshwarden.sla.api;

import io.micronaut.http.HttpStatus;

/** A request parameter that cannot be used; answered with 400 and the field's name. */
public final class InvalidParameterException extends RequestRejectedException {
    private static final long serialVersionUID = 1L;

    public InvalidParameterException(String field, String message) {
        super(HttpStatus.BAD_REQUEST, field, message);
    }
}
