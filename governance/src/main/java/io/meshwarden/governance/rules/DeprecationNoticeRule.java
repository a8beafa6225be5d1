package io.meshwarden.governance.rules;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.ProductStatus;
import io.meshwarden.avro.Severity;
import io.meshwarden.avro.ViolationCategory;
import io.meshwarden.governance.ContextRule;
import io.meshwarden.governance.ContractContext;
import io.meshwarden.governance.Finding;
import io.meshwarden.governance.lifecycle.Deprecation;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Consumers get at least {@code minimumDays} of notice between a deprecation and its sunset. Judges
 * the step from the version in force: a product that becomes deprecated, or whose sunset moves
 * earlier, sunsets at least that many days after the day it is judged on; a new major version
 * announces the sunset of the major it supersedes ({@link Deprecation#PREVIOUS_MAJOR_SUNSET}), as far
 * ahead. A contract judged against itself (policy evolution) has no step, so nothing to find.
 */
public record DeprecationNoticeRule(String id, Severity severity, long minimumDays) implements ContextRule {

    @Override
    public List<Finding> check(ContractContext context) {
        DataProductContract next = context.contract();
        DataProductContract previous = context.previous().orElse(null);
        LocalDate earliest = context.today().plusDays(minimumDays);
        if (next.getStatus() == ProductStatus.DEPRECATED) {
            Optional<LocalDate> sunset = Deprecation.date(next.getSunsetDate());
            boolean newlyDeprecated = previous == null || previous.getStatus() != ProductStatus.DEPRECATED;
            boolean movedEarlier = !newlyDeprecated && sunset.isPresent()
                    && Deprecation.date(previous.getSunsetDate()).map(before -> sunset.get().isBefore(before)).orElse(true);
            // A missing or malformed sunset date is the lifecycle rule's finding.
            if (sunset.isPresent() && (newlyDeprecated || movedEarlier) && sunset.get().isBefore(earliest)) {
                return List.of(tooSoon("sunset " + sunset.get() + " of " + next.getId(), context.today(), sunset.get(), earliest));
            }
            return List.of();
        }
        Optional<Integer> major = Deprecation.supersededMajor(previous, next);
        if (major.isEmpty()) {
            return List.of();
        }
        String announced = next.getProperties().get(Deprecation.PREVIOUS_MAJOR_SUNSET);
        String what = "new major version " + next.getVersion() + " of " + next.getId();
        if (announced == null) {
            return List.of(finding(ViolationCategory.LIFECYCLE, what + " does not announce when major " + major.get()
                    + " sunsets: set property " + Deprecation.PREVIOUS_MAJOR_SUNSET + " to " + earliest + " or later (minimum notice "
                    + minimumDays + " days)"));
        }
        Optional<LocalDate> sunset = Deprecation.announcedSunset(next);
        if (sunset.isEmpty()) {
            return List.of(finding(ViolationCategory.LIFECYCLE, "property " + Deprecation.PREVIOUS_MAJOR_SUNSET + " of " + next.getId()
                    + " is not an ISO-8601 date (YYYY-MM-DD)"));
        }
        if (sunset.get().isBefore(earliest)) {
            return List.of(tooSoon("sunset " + sunset.get() + " of major " + major.get() + " of " + next.getId()
                    + " (announced by " + next.getVersion() + ")", context.today(), sunset.get(), earliest));
        }
        return List.of();
    }

    private Finding tooSoon(String what, LocalDate today, LocalDate sunset, LocalDate earliest) {
        return finding(ViolationCategory.LIFECYCLE, what + " is " + ChronoUnit.DAYS.between(today, sunset) + " days after " + today
                + "; the minimum notice is " + minimumDays + " days: " + earliest + " or later");
    }
}
