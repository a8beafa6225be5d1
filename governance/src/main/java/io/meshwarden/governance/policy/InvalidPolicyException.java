package io.meshwarden.governance.policy;

/** A policy set that cannot be put in force, naming the set and, where it applies, the rule at fault. */
public final class InvalidPolicyException extends RuntimeException {
    public InvalidPolicyException(String message) {
        super(message);
    }

    public InvalidPolicyException(String message, Throwable cause) {
        super(message, cause);
    }
}
