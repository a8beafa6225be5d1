package io.meshwarden.schemas;

import io.meshwarden.config.Settings;
import io.meshwarden.schemas.registry.SchemaRegistryClient;
import java.util.Objects;
import java.util.Optional;

/**
 * What a topic's value serde needs to know of the deployment: the format it writes, and the schema registry, if
 * one is configured, that the Confluent wire format writes through and that readers look a framed record's
 * writer schema up in (readers accept every format, whatever {@code output} says).
 *
 * @param output   the format values are written in
 * @param registry the registry; required when {@code output} is {@link OutputFormat#CONFLUENT_AVRO}
 */
public record EventFormat(OutputFormat output, Optional<SchemaRegistryClient> registry) {

    public EventFormat {
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(registry, "registry");
        if (output == OutputFormat.CONFLUENT_AVRO && registry.isEmpty()) {
            throw new IllegalArgumentException(missingRegistry());
        }
    }

    /** Writing {@code output}, with no schema registry: readers refuse records in the Confluent wire format. */
    public static EventFormat of(OutputFormat output) {
        return new EventFormat(output, Optional.empty());
    }

    /** The same registry, writing {@code other} instead (a topic whose format is fixed, such as the audit trail). */
    public EventFormat writing(OutputFormat other) {
        return new EventFormat(other, registry);
    }

    /**
     * The format for bytes that belong to no topic's subject (a dead letter re-encoded, a state store's value):
     * Avro single-object encoding in place of the Confluent wire format, {@code output} otherwise.
     */
    public OutputFormat unframed() {
        return output == OutputFormat.CONFLUENT_AVRO ? OutputFormat.AVRO : output;
    }

    /** Why {@code confluent-avro} cannot go without a registry, naming both settings. */
    public static String missingRegistry() {
        return Settings.OUTPUT_FORMAT.key() + "=" + OutputFormat.CONFLUENT_AVRO.settingValue() + " needs "
                + Settings.SCHEMA_REGISTRY_URL.key() + ": the Confluent wire format names each record's schema by its id in"
                + " a schema registry; set " + Settings.SCHEMA_REGISTRY_URL.key() + " or choose "
                + Settings.OUTPUT_FORMAT.key() + "=avro or json";
    }
}
