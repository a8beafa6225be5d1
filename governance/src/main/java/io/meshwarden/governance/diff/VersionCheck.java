package io.meshwarden.governance.diff;

import io.meshwarden.avro.DataProductContract;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The semantic-version check of a new contract version against the last accepted one: every
 * change (see {@link ContractDiff}), the bump they require (the largest of their impacts) and the
 * bump the new version makes. The bump is too small when it is less than required; an unchanged
 * contract republished under its own version requires none.
 */
public record VersionCheck(SemVer previous, SemVer next, List<Change> changes, Bump required, Bump actual) {

    /** Empty when either version is not MAJOR.MINOR.PATCH, which the versioning rule reports. */
    public static Optional<VersionCheck> of(DataProductContract previous, DataProductContract next) {
        Optional<SemVer> before = SemVer.parse(previous.getVersion());
        Optional<SemVer> after = SemVer.parse(next.getVersion());
        if (before.isEmpty() || after.isEmpty()) {
            return Optional.empty();
        }
        List<Change> changes = ContractDiff.changes(previous, next);
        Bump required = changes.stream().map(change -> change.impact().bump()).max(Comparator.naturalOrder()).orElse(Bump.NONE);
        return Optional.of(new VersionCheck(before.get(), after.get(), List.copyOf(changes), required,
                Bump.between(before.get(), after.get())));
    }

    public boolean tooSmall() {
        return !actual.atLeast(required);
    }

    /** The lowest version the new contract may have. */
    public SemVer lowestAllowed() {
        return required.from(previous);
    }

    public List<Change> breaking() {
        return changes.stream().filter(Change::breaking).toList();
    }
}
