package io.meshwarden.schemas.impact;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.avro.AffectedProduct;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.GroupReader;
import io.meshwarden.avro.ImpactKind;
import io.meshwarden.avro.ImpactNotice;
import io.meshwarden.avro.ImpactReport;
import io.meshwarden.avro.ProductStatus;
import io.meshwarden.avro.TopicReaders;
import io.meshwarden.schemas.Samples;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImpactAnalysisTest {
    private static final String PAID = "paid-media.campaign-performance";

    @Test
    void onlyAHigherMajorADeprecationOrARetirementCounts() {
        DataProductContract v1 = Samples.contract(PAID);

        assertThat(ImpactAnalysis.kind(v1, version("2.0.0"))).contains(ImpactKind.BREAKING_CHANGE);
        assertThat(ImpactAnalysis.kind(v1, version("10.0.0"))).contains(ImpactKind.BREAKING_CHANGE);
        assertThat(ImpactAnalysis.kind(v1, version("1.9.0"))).isEmpty();
        assertThat(ImpactAnalysis.kind(null, version("2.0.0"))).as("a new product hits nobody").isEmpty();
        assertThat(ImpactAnalysis.kind(version("x.y"), version("2.0.0"))).isEmpty();
        assertThat(ImpactAnalysis.kind(v1, status(ProductStatus.DEPRECATED))).contains(ImpactKind.DEPRECATION);
        assertThat(ImpactAnalysis.kind(status(ProductStatus.DEPRECATED), status(ProductStatus.DEPRECATED))).isEqualTo(Optional.empty());
        assertThat(ImpactAnalysis.kind(status(ProductStatus.DEPRECATED), status(ProductStatus.RETIRED))).contains(ImpactKind.RETIREMENT);
    }

    @Test
    void notifiesEachOwnerOnceWithOnlyWhatIsTheirsAndNeverTheChangedProductsOwnTeam() {
        DataProductContract next = version("2.0.0");
        TopicReaders readers = new TopicReaders(PAID + ".v1", List.of(
                new GroupReader("customer-analytics.attribution-loader", 3L, "customer-analytics-team", null, null),
                new GroupReader("paid-media.self-check", 0L, "paid-media-team", null, null),
                new GroupReader("anonymous", 9L, null, null, null)), List.of(), Samples.T0);

        ImpactReport report = ImpactAnalysis.report("c2", Samples.contract(PAID), next, ImpactKind.BREAKING_CHANGE,
                List.of(new AffectedProduct("customer-analytics.attribution", "customer-analytics-team", null)),
                topic -> topic.equals(PAID + ".v1") ? readers : null, Samples.T0);
        List<ImpactNotice> notices = ImpactAnalysis.notices(report);

        assertThat(report.getConsumerGroups()).hasSize(3);
        assertThat(report.getOwners()).containsExactly("customer-analytics-team");
        assertThat(notices).singleElement().satisfies(notice -> {
            assertThat(notice.getDownstreamProducts()).hasSize(1);
            assertThat(notice.getConsumerGroups()).extracting(g -> g.getGroupId()).containsExactly("customer-analytics.attribution-loader");
        });
    }

    private static DataProductContract version(String version) {
        DataProductContract contract = Samples.contract(PAID);
        contract.setVersion(version);
        return contract;
    }

    private static DataProductContract status(ProductStatus status) {
        DataProductContract contract = Samples.contract(PAID);
        contract.setStatus(status);
        return contract;
    }
}
