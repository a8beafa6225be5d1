package io.meshwarden.schemas;

/**
 * Makes Avro trust Meshwarden's generated event classes: Avro refuses to deserialize a class outside
 * the packages listed in the system property {@value #PROPERTY}, and reads that property once, when
 * its reader classes load. So every {@code main} calls {@link #ensure()} as its first statement, before
 * any Avro class is used; a value already set (by {@code -D} on the command line) is left alone. A JVM
 * that a tool starts for us, such as a JMH fork, takes {@link #JVM_ARGUMENT} instead.
 */
public final class AvroTrust {
    public static final String PROPERTY = "org.apache.avro.SERIALIZABLE_PACKAGES";
    /** The package of the classes generated from {@code src/main/avro}. */
    public static final String PACKAGES = "io.meshwarden.avro";
    public static final String JVM_ARGUMENT = "-D" + PROPERTY + "=" + PACKAGES;

    private AvroTrust() {
    }

    /** Sets {@value #PROPERTY} to {@value #PACKAGES} unless it is set already. */
    public static void ensure() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, PACKAGES);
        }
    }
}
