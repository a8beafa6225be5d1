package io.meshwarden.governance.properties;

/**
 * A contract property that does not say what its reader can read (an {@code anomaly.*} or
 * {@code accuracy.*} setting): names the property, so that governance refuses the contract change
 * {@code invalid-setting} at that field, never putting a default in its place.
 */
public final class InvalidContractProperty extends IllegalArgumentException {
    private final String property;

    public InvalidContractProperty(String property, String message) {
        super(property + ": " + message);
        this.property = property;
    }

    public String property() {
        return property;
    }
}
