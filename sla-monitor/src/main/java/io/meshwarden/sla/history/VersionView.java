package io.meshwarden.sla.history;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/** One accepted version of a contract: when the catalog took it, and what changed from the version before. */
@Serdeable
public record VersionView(String version, String acceptedAt, List<ContractChangelog.Change> changes) {
    static VersionView of(String version, long acceptedAt, List<ContractChangelog.Change> changes) {
        return new VersionView(version, Instant.ofEpochMilli(acceptedAt).toString(), changes);
    }
}
