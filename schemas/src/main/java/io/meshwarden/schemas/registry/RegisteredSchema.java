package io.meshwarden.schemas.registry;

/**
 * A schema as a Confluent-compatible registry serves it.
 *
 * @param id      the registry's global id
 * @param type    AVRO (the registry's default when it names none), JSON or PROTOBUF
 * @param schema  the schema text
 * @param subject the subject it was read under; null when read by id
 * @param version the subject's version; 0 when read by id
 */
public record RegisteredSchema(int id, Type type, String schema, String subject, int version) {

    public enum Type {
        AVRO, JSON, PROTOBUF;

        /** The registry's {@code schemaType}: absent means Avro. */
        static Type of(String schemaType) {
            if (schemaType == null || schemaType.isBlank()) {
                return AVRO;
            }
            try {
                return valueOf(schemaType.strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new SchemaRegistryException(SchemaRegistryException.Kind.INVALID_RESPONSE,
                        "the registry names an unknown schemaType '" + schemaType + "' (AVRO, JSON or PROTOBUF)");
            }
        }
    }
}
