package io.meshwarden.sla;

/**
 * Makes sure Avro trusts the generated event classes ({@code io.meshwarden.avro}) when the JVM was
 * not started with {@code -Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.meshwarden.avro}. Avro reads
 * the property once, when its reader classes load, so this must run before any Avro class is used;
 * a value already set is left alone.
 */
final class AvroTrust {
    static final String PROPERTY = "org.apache.avro.SERIALIZABLE_PACKAGES";
    static final String PACKAGES = "io.meshwarden.avro";

    private AvroTrust() {
    }

    static void ensure() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, PACKAGES);
        }
    }
}
