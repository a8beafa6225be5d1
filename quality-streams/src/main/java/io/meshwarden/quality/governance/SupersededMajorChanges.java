package io.meshwarden.quality.governance;

import io.meshwarden.avro.ContractChange;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.ProductStatus;
import io.meshwarden.avro.Severity;
import io.meshwarden.avro.ViolationCategory;
import io.meshwarden.governance.CatalogView;
import io.meshwarden.governance.Evaluation;
import io.meshwarden.governance.Finding;
import io.meshwarden.governance.PolicySetRef;
import io.meshwarden.governance.Verdict;
import io.meshwarden.governance.diff.SemVer;
import io.meshwarden.governance.lifecycle.Deprecation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A change of a major version a newer major superseded: published with the product's id and a version of
 * the old major ({@code 1.0.1}, status {@code retired}), it changes the catalog entry
 * {@code <product id>@v<major>}, never the version in force. Judged by the policies in force against that
 * entry, with the catalog's lineage left out (downstream products list the product, whose newer major
 * still serves them) and one platform rule: a superseded major can only retire. Accepted, it writes the
 * retired entry; the version in force, its breaches and the lineage stay as they were.
 */
final class SupersededMajorChanges {
    static final PolicySetRef PLATFORM = new PolicySetRef("platform.lifecycle", "1");
    static final String RULE_ID = "lifecycle.superseded-major";

    private SupersededMajorChanges() {
    }

    /** The deprecated catalog entry {@code change} changes: present when its major is below the version in force's and the catalog keeps that major. */
    static Optional<DataProductContract> entryChanged(DataProductContract inForce, ContractChange change, CatalogView catalog) {
        Optional<SemVer> next = SemVer.parse(change.getContract().getVersion());
        Optional<SemVer> current = inForce == null ? Optional.empty() : SemVer.parse(inForce.getVersion());
        if (next.isEmpty() || current.isEmpty() || next.get().major() >= current.get().major()) {
            return Optional.empty();
        }
        return catalog.product(Deprecation.supersededId(change.getProductId(), next.get().major()))
                .filter(entry -> entry.getStatus() == ProductStatus.DEPRECATED);
    }

    /** The entry as the product it was a version of, for the rules to compare the change with. */
    static DataProductContract asProduct(DataProductContract entry, String productId) {
        return DataProductContract.newBuilder(entry).setId(productId).build();
    }

    /** The catalog without its lineage: who lists the product upstream is served by its newer major. */
    static CatalogView withoutLineage(CatalogView catalog) {
        return new CatalogView() {
            @Override
            public List<String> activeConsumersOf(String productId) {
                return List.of();
            }

            @Override
            public Optional<DataProductContract> product(String productId) {
                return catalog.product(productId);
            }

            @Override
            public boolean knowsProducts() {
                return catalog.knowsProducts();
            }

            @Override
            public List<String> readersOf(String topic) {
                return catalog.readersOf(topic);
            }
        };
    }

    /** The policies' verdict, and the platform's refusal of anything but a retirement. */
    static Verdict withPlatformRule(Verdict verdict, DataProductContract next, DataProductContract entry) {
        if (next.getStatus() == ProductStatus.RETIRED) {
            return verdict;
        }
        List<Evaluation> evaluations = new ArrayList<>(verdict.evaluations());
        evaluations.add(new Evaluation(PLATFORM, List.of(new Finding(RULE_ID, ViolationCategory.LIFECYCLE, Severity.BLOCKING,
                "version " + next.getVersion() + " of " + next.getId() + " changes " + entry.getId() + ", a major superseded by "
                        + entry.getSuccessor() + " and deprecated until " + entry.getSunsetDate() + ": it can only retire (status retired)"))));
        return new Verdict(evaluations);
    }

    /** The retired entry the catalog keeps. */
    static DataProductContract retired(DataProductContract next, DataProductContract entry) {
        return DataProductContract.newBuilder(next).setId(entry.getId()).setSunsetDate(entry.getSunsetDate())
                .setSuccessor(entry.getSuccessor()).build();
    }
}
