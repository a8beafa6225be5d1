package io.meshwarden.sla.notify;

/** A sink gave up on a transition after its retries; the message says why (last status or error). */
final class DeliveryFailedException extends RuntimeException {
    DeliveryFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
