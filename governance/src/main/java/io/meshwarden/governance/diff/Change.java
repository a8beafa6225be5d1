package io.meshwarden.governance.diff;

/**
 * One change between two versions of a contract: its kind (and so its impact), the element of the
 * contract it concerns, and the reason in one sentence for the domain team.
 */
public record Change(ChangeKind kind, Element element, String reason) {

    public Impact impact() {
        return kind.impact();
    }

    public boolean breaking() {
        return kind.impact() == Impact.BREAKING;
    }

    /** The part of a contract a change concerns and its name there (a field, a port, a guarantee, a rule's path). */
    public record Element(Part part, String name) {
        public static Element of(Part part) {
            return new Element(part, null);
        }
    }

    /** The parts of a contract, as its file formats group them. */
    public enum Part { SCHEMA, FIELD, PORT, GUARANTEE, RETENTION, CLASSIFICATION, QUALITY_RULE, STATUS, METADATA }
}
