package io.meshwarden.sla.streams;

/**
 * One accepted version of a product's contract as the catalog carried it: its version, when the
 * catalog received it, and the whole contract as plain JSON (so the changelog between two versions
 * can be told at read time, {@link io.meshwarden.sla.history.ContractChangelog}).
 */
public record ContractVersion(String version, long acceptedAt, String contractJson) {
}
