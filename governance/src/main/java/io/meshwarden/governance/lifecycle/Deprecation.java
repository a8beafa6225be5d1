package io.meshwarden.governance.lifecycle;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.OutputPort;
import io.meshwarden.avro.ProductStatus;
import io.meshwarden.governance.CatalogView;
import io.meshwarden.governance.diff.SemVer;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * The deprecation lifecycle of versions (docs/contracts.md#versions-announced-in-advance), as pure
 * functions shared by the rules and the governance topology. A new major version supersedes the
 * previous major, which stays in the catalog as a product of its own, {@code <product id>@v<major>},
 * {@code DEPRECATED} until the sunset the new major announces ({@link #PREVIOUS_MAJOR_SUNSET}), so
 * that both are monitored. Retiring a version whose topics consumer groups still read takes a
 * recorded reason ({@link #OVERRIDE_REASON}).
 */
public final class Deprecation {
    /** Property of a new major version: the ISO date the previous major stops being served. */
    public static final String PREVIOUS_MAJOR_SUNSET = "lifecycle.previous-major.sunset";
    /** Property of a retiring contract: why it retires although consumer groups still read it. */
    public static final String OVERRIDE_REASON = "retirement.override.reason";
    private static final String MAJOR_MARK = "@v";

    private Deprecation() {
    }

    /** The major version {@code next} supersedes: the previous one's, when {@code next} raises the major of an active version. */
    public static Optional<Integer> supersededMajor(DataProductContract previous, DataProductContract next) {
        if (previous == null || previous.getStatus() != ProductStatus.ACTIVE) {
            return Optional.empty();
        }
        Optional<SemVer> before = SemVer.parse(previous.getVersion());
        Optional<SemVer> after = SemVer.parse(next.getVersion());
        return before.isPresent() && after.isPresent() && after.get().major() > before.get().major()
                ? Optional.of(before.get().major()) : Optional.empty();
    }

    /** The catalog id of a superseded major of a product: {@code paid-media.campaign-performance@v1}. */
    public static String supersededId(String productId, int major) {
        return productId + MAJOR_MARK + major;
    }

    /** Whether a catalog id names a superseded major rather than a product's version in force. */
    public static boolean isSuperseded(String catalogId) {
        return catalogId.contains(MAJOR_MARK);
    }

    /** The product a catalog id belongs to: itself, or the product a superseded major was a version of. */
    public static String productOf(String catalogId) {
        int mark = catalogId.indexOf(MAJOR_MARK);
        return mark < 0 ? catalogId : catalogId.substring(0, mark);
    }

    /** The previous major as it stays in the catalog: deprecated, with its sunset and the product as successor. */
    public static DataProductContract superseded(DataProductContract previous, DataProductContract next, int major, LocalDate sunset) {
        return DataProductContract.newBuilder(previous).setId(supersededId(previous.getId(), major))
                .setStatus(ProductStatus.DEPRECATED).setSunsetDate(sunset.toString()).setSuccessor(next.getId()).build();
    }

    /** The sunset {@code next} announces for the major it supersedes; empty when absent or not a date. */
    public static Optional<LocalDate> announcedSunset(DataProductContract next) {
        return date(next.getProperties().get(PREVIOUS_MAJOR_SUNSET));
    }

    /** The consumer groups reading any output topic of {@code contract}, each once, sorted. */
    public static List<String> readers(DataProductContract contract, CatalogView catalog) {
        return contract.getOutputPorts().stream().map(OutputPort::getTopic).distinct()
                .flatMap(topic -> catalog.readersOf(topic).stream()).distinct().sorted().toList();
    }

    /** The reason a retiring contract gives for retiring over its readers; empty when it gives none. */
    public static Optional<String> overrideReason(DataProductContract contract) {
        String reason = contract.getProperties().get(OVERRIDE_REASON);
        return reason == null || reason.isBlank() ? Optional.empty() : Optional.of(reason.strip());
    }

    /** An ISO-8601 date (YYYY-MM-DD), empty when {@code text} is null or none. */
    public static Optional<LocalDate> date(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(text.strip()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
