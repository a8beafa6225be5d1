package io.meshwarden.quality.rules;

/**
 * One decoded record of a data product, as the quality rules read it in observed mode. A field is
 * named by its path from the record: {@code channel}, or {@code address.city} for a field of a
 * nested record (the path ODCS rules on nested properties are imported with, and metric events
 * count such a field under).
 */
public interface FieldValues {
    /** The field's value as text, to compare with a rule's values and pattern; null when null or absent. */
    String text(String field);

    /**
     * The field's value in a canonical form that two values share only when they are equal
     * (Avro's or JSON's own text of the value), to count duplicates exactly; null when null or absent.
     */
    String canonical(String field);

    /** The whole record in a canonical form, to count duplicate records exactly. */
    String canonicalRecord();
}
