package io.meshwarden.governance;

import io.meshwarden.avro.ContractChange;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.schemas.violation.ViolationFactory;
import io.meshwarden.schemas.violation.ViolationRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/** Turns an evaluation's findings into violation events for one contract change. */
public final class Violations {
    private Violations() {
    }

    /** The violations of every evaluation of a verdict, each naming the policy set that found it. */
    public static List<Violation> of(Verdict verdict, ContractChange change, Instant detectedAt) {
        return verdict.evaluations().stream().flatMap(e -> of(e, change, detectedAt).stream()).toList();
    }

    /**
     * One violation per finding, occasioned by the change: re-evaluating the same change (a replay
     * after a crash) yields the same ids and downstream stays deduplicated.
     */
    public static List<Violation> of(Evaluation evaluation, ContractChange change, Instant detectedAt) {
        return of(evaluation, change.getProductId(), change.getContract(), change.getChangeId(), change.getChangeId(), false,
                detectedAt);
    }

    /**
     * The violations of a contract already in force, judged again because the policy sets in force
     * changed: occasioned by {@code occasion} (what changed, so that a replay gives the same ids), naming no change.
     */
    public static List<Violation> inForce(Verdict verdict, DataProductContract contract, String occasion, Instant detectedAt) {
        return verdict.evaluations().stream()
                .flatMap(e -> of(e, contract.getId(), contract, occasion, null, false, detectedAt).stream()).toList();
    }

    /**
     * The violations of a change its verdict rejects: marked {@code rejectedChange} (feedback to the
     * publisher; the version in force did not change) and occasioned by the proposed contract itself
     * ({@link #proposal}), not by the change id, so publishing the same proposal again gives the same ids.
     */
    public static List<Violation> ofRejected(Verdict verdict, ContractChange change, Instant detectedAt) {
        String occasion = proposal(change.getContract());
        return verdict.evaluations().stream().flatMap(e -> of(e, change.getProductId(), change.getContract(), occasion,
                change.getChangeId(), true, detectedAt).stream()).toList();
    }

    /** {@code proposal-<first 16 hex digits of the SHA-256 of the contract's Avro encoding>}: the same contract, the same occasion. */
    public static String proposal(DataProductContract contract) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(contract.toByteBuffer());
            byte[] digest = sha.digest();
            return "proposal-" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static List<Violation> of(Evaluation evaluation, String productId, DataProductContract contract, String occasion,
                                      String changeId, boolean rejected, Instant detectedAt) {
        return evaluation.findings().stream().map(finding -> ViolationFactory.violation(productId,
                        contract.getDomain(), new ViolationRule(finding.ruleId(), finding.category(),
                                finding.severity()), ViolationStatus.BREACH, occasion, detectedAt)
                .setRejectedChange(rejected)
                .setMessage(finding.message())
                .setPolicySetId(evaluation.policySet().id())
                .setPolicySetVersion(evaluation.policySet().version())
                .setContractVersion(contract.getVersion())
                .setSourceChangeId(changeId)
                .build()).toList();
    }
}
