package io.meshwarden.quality.governance;

import io.meshwarden.avro.ContractChange;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.ProductStatus;
import io.meshwarden.avro.RetirementOverride;
import io.meshwarden.governance.CatalogView;
import io.meshwarden.governance.lifecycle.Deprecation;
import java.time.LocalDate;
import java.util.List;

/**
 * What an accepted change means for the versions it leaves behind: the major a new major version
 * supersedes, kept in the catalog deprecated until the sunset the new version announces (or
 * {@link #DEFAULT_NOTICE_DAYS} from the day it was accepted when it announces none, which only a
 * policy without the {@code deprecation-notice} rule lets through), and the override of a retirement
 * over the consumer groups still reading, recorded in the decision.
 */
final class DeprecationSteps {
    /** The notice a superseded major gets when its successor announces no sunset. */
    static final long DEFAULT_NOTICE_DAYS = 30;

    private DeprecationSteps() {
    }

    /** The superseded major's catalog entry, or null when {@code next} supersedes none. */
    static DataProductContract superseded(DataProductContract previous, DataProductContract next, LocalDate today) {
        return Deprecation.supersededMajor(previous, next).map(major -> Deprecation.superseded(previous, next, major,
                Deprecation.announcedSunset(next).orElse(today.plusDays(DEFAULT_NOTICE_DAYS)))).orElse(null);
    }

    /** The override of an accepted retirement over the consumer groups reading the product's topics, or null when there is none. */
    static RetirementOverride retirementOverride(ContractChange change, DataProductContract previous, CatalogView catalog) {
        DataProductContract contract = change.getContract();
        if (contract.getStatus() != ProductStatus.RETIRED || previous != null && previous.getStatus() == ProductStatus.RETIRED) {
            return null;
        }
        List<String> readers = Deprecation.readers(contract, catalog);
        return Deprecation.overrideReason(contract).filter(reason -> !readers.isEmpty())
                .map(reason -> new RetirementOverride(reason, change.getPublishedBy(), readers)).orElse(null);
    }
}
