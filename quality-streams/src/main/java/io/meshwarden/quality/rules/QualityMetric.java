package io.meshwarden.quality.rules;

import io.meshwarden.avro.ViolationCategory;
import java.util.Arrays;
import java.util.Optional;

/**
 * The ODCS v3 library metrics evaluated on the stream, by their ODCS names. Row count, nulls and
 * missing values are completeness; invalid and duplicate values have no category of their own in
 * {@link ViolationCategory}, so they are OTHER.
 */
public enum QualityMetric {
    ROW_COUNT("rowCount", ViolationCategory.COMPLETENESS),
    NULL_VALUES("nullValues", ViolationCategory.COMPLETENESS),
    MISSING_VALUES("missingValues", ViolationCategory.COMPLETENESS),
    INVALID_VALUES("invalidValues", ViolationCategory.OTHER),
    DUPLICATE_VALUES("duplicateValues", ViolationCategory.OTHER);

    private final String odcsName;
    private final ViolationCategory category;

    QualityMetric(String odcsName, ViolationCategory category) {
        this.odcsName = odcsName;
        this.category = category;
    }

    public String odcsName() {
        return odcsName;
    }

    public ViolationCategory category() {
        return category;
    }

    public static Optional<QualityMetric> named(String name) {
        return Arrays.stream(values()).filter(metric -> metric.odcsName.equalsIgnoreCase(name)).findFirst();
    }
}
