package io.meshwarden.governance.diff;

import java.util.Locale;

/** Every kind of change {@link ContractDiff} reports, each with its one {@link Impact}. */
public enum ChangeKind {
    SCHEMA_REMOVED(Impact.BREAKING),
    SCHEMA_INCOMPATIBLE(Impact.BREAKING),
    FIELD_REMOVED(Impact.BREAKING),
    FIELD_NO_LONGER_REQUIRED(Impact.BREAKING),
    FIELD_CLASSIFICATION_LOWERED(Impact.BREAKING),
    PORT_REMOVED(Impact.BREAKING),
    PORT_MOVED(Impact.BREAKING),
    PORT_CLASSIFICATION_LOWERED(Impact.BREAKING),
    GUARANTEE_WEAKENED(Impact.BREAKING),
    RETENTION_SHORTENED(Impact.BREAKING),
    CLASSIFICATION_LOWERED(Impact.BREAKING),
    QUALITY_RULE_REMOVED(Impact.BREAKING),
    QUALITY_RULE_WEAKENED(Impact.BREAKING),

    SCHEMA_ADDED(Impact.COMPATIBLE),
    SCHEMA_EXTENDED(Impact.COMPATIBLE),
    FIELD_ADDED(Impact.COMPATIBLE),
    OPTIONAL_FIELD_REMOVED(Impact.COMPATIBLE),
    FIELD_NOW_REQUIRED(Impact.COMPATIBLE),
    FIELD_CLASSIFICATION_RAISED(Impact.COMPATIBLE),
    PORT_ADDED(Impact.COMPATIBLE),
    PORT_CLASSIFICATION_RAISED(Impact.COMPATIBLE),
    GUARANTEE_ADDED(Impact.COMPATIBLE),
    GUARANTEE_STRENGTHENED(Impact.COMPATIBLE),
    GUARANTEE_CHANGED(Impact.COMPATIBLE),
    RETENTION_LENGTHENED(Impact.COMPATIBLE),
    CLASSIFICATION_RAISED(Impact.COMPATIBLE),
    QUALITY_RULE_ADDED(Impact.COMPATIBLE),
    QUALITY_RULE_TIGHTENED(Impact.COMPATIBLE),
    STATUS_CHANGED(Impact.COMPATIBLE),

    SCHEMA_DOCUMENTATION_CHANGED(Impact.PATCH),
    FIELD_DOCUMENTATION_CHANGED(Impact.PATCH),
    QUALITY_RULE_DOCUMENTATION_CHANGED(Impact.PATCH),
    METADATA_CHANGED(Impact.PATCH);

    private final Impact impact;

    ChangeKind(Impact impact) {
        this.impact = impact;
    }

    public Impact impact() {
        return impact;
    }

    /** The kind as machines read it: {@code field-removed}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
