package io.meshwarden.sla.api;

/** A request parameter that cannot be used; answered with 400 and the field's name. */
public final class InvalidParameterException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidParameterException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
