package io.meshwarden.quality.impact;

import static io.meshwarden.schemas.Samples.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.avro.AffectedGroup;
import io.meshwarden.avro.AffectedProduct;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.Decision;
import io.meshwarden.avro.DecisionOutcome;
import io.meshwarden.avro.GrantReader;
import io.meshwarden.avro.GroupReader;
import io.meshwarden.avro.ImpactKind;
import io.meshwarden.avro.ImpactNotice;
import io.meshwarden.avro.ImpactReport;
import io.meshwarden.avro.ProductStatus;
import io.meshwarden.avro.TopicReaders;
import io.meshwarden.schemas.Samples;
import io.meshwarden.schemas.Topics;
import io.meshwarden.streams.testing.TopologyFixture;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class ImpactTopologyTest {
    static final String PAID = "paid-media.campaign-performance";
    static final String ATTRIBUTION = "customer-analytics.attribution";

    @AutoClose
    private final TopologyFixture fixture = TopologyFixture.start(ImpactTopology.APPLICATION_SUFFIX, T0, ImpactTopology::build);

    @Test
    void namesDownstreamProductsGroupsGrantsAndTheirOwnersForAMajorVersion() {
        acceptedWithDecision(attribution(), "c0");
        acceptedWithDecision(Samples.contract(PAID), "c1");
        fixture.input(Topics.READERS).pipeInput(PAID + ".v1", new TopicReaders(PAID + ".v1", List.of(
                new GroupReader("customer-analytics.attribution-loader", 5L, "customer-analytics-team", "steward@customer-analytics.example", null),
                new GroupReader("marketing-ops.spend-dashboard", 0L, "marketing-ops-team", null, null),
                new GroupReader("someone-else", 2L, null, null, null)),
                List.of(new GrantReader("User:bi-tool", "r1", null, "alice@example.com")), T0));

        acceptedWithDecision(version(Samples.contract(PAID), "2.0.0"), "c2");

        ImpactReport report = fixture.output(Topics.IMPACT_REPORTS).readValue();
        assertThat(report.getChangeId()).isEqualTo("c2");
        assertThat(report.getKind()).isEqualTo(ImpactKind.BREAKING_CHANGE);
        assertThat(report.getPreviousVersion()).isEqualTo("1.0.0");
        assertThat(report.getDownstreamProducts()).extracting(AffectedProduct::getProductId, AffectedProduct::getOwnerTeam)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ATTRIBUTION, "customer-analytics-team"));
        assertThat(report.getConsumerGroups()).extracting(AffectedGroup::getGroupId, AffectedGroup::getLag).containsExactly(
                org.assertj.core.groups.Tuple.tuple("customer-analytics.attribution-loader", 5L),
                org.assertj.core.groups.Tuple.tuple("marketing-ops.spend-dashboard", 0L),
                org.assertj.core.groups.Tuple.tuple("someone-else", 2L));
        assertThat(report.getReadGrants()).singleElement().satisfies(g -> assertThat(g.getSteward()).isEqualTo("alice@example.com"));
        assertThat(report.getOwners()).containsExactly("customer-analytics-team", "marketing-ops-team", "alice@example.com");
        List<ImpactNotice> notices = fixture.output(Topics.IMPACT).readValuesToList();
        assertThat(notices).extracting(ImpactNotice::getOwner)
                .containsExactly("customer-analytics-team", "marketing-ops-team", "alice@example.com");
        assertThat(notices.get(0).getDownstreamProducts()).extracting(AffectedProduct::getProductId).containsExactly(ATTRIBUTION);
        assertThat(notices.get(0).getConsumerGroups()).extracting(AffectedGroup::getGroupId)
                .containsExactly("customer-analytics.attribution-loader");
        assertThat(notices).allSatisfy(n -> assertThat(n.getChangeId()).isEqualTo("c2"));
    }

    @Test
    void pairsADecisionThatArrivesBeforeItsCatalogVersion() {
        acceptedWithDecision(attribution(), "c0");
        acceptedWithDecision(Samples.contract(PAID), "c1");
        DataProductContract deprecated = Samples.contract(PAID);
        deprecated.setStatus(ProductStatus.DEPRECATED);

        fixture.input(Topics.DECISIONS).pipeInput(PAID, decision(deprecated, "c2", DecisionOutcome.ACCEPTED_WITH_WARNINGS));
        assertThat(fixture.output(Topics.IMPACT_REPORTS).readValuesToList()).isEmpty();
        fixture.input(Topics.CATALOG).pipeInput(PAID, deprecated);

        ImpactReport report = fixture.output(Topics.IMPACT_REPORTS).readValue();
        assertThat(report.getKind()).isEqualTo(ImpactKind.DEPRECATION);
        assertThat(report.getChangeId()).isEqualTo("c2");
        assertThat(fixture.output(Topics.IMPACT).readValuesToList()).extracting(ImpactNotice::getOwner)
                .containsExactly("customer-analytics-team");
    }

    @Test
    void aMinorVersionOrARejectedChangeHitsNobody() {
        acceptedWithDecision(attribution(), "c0");
        acceptedWithDecision(Samples.contract(PAID), "c1");
        acceptedWithDecision(version(Samples.contract(PAID), "1.1.0"), "c2");
        fixture.input(Topics.DECISIONS).pipeInput(PAID, decision(version(Samples.contract(PAID), "3.0.0"), "c3", DecisionOutcome.REJECTED));

        assertThat(fixture.output(Topics.IMPACT_REPORTS).readValuesToList()).isEmpty();
        assertThat(fixture.output(Topics.IMPACT).readValuesToList()).isEmpty();
    }

    @Test
    void aProductThatStopsListingTheUpstreamIsNoLongerDownstream() {
        acceptedWithDecision(attribution(), "c0");
        acceptedWithDecision(Samples.contract(PAID), "c1");
        DataProductContract unlinked = version(attribution(), "1.1.0");
        unlinked.setUpstreamProducts(List.of());
        acceptedWithDecision(unlinked, "c2");

        DataProductContract retired = Samples.contract(PAID);
        retired.setStatus(ProductStatus.RETIRED);
        acceptedWithDecision(retired, "c3");

        ImpactReport report = fixture.output(Topics.IMPACT_REPORTS).readValue();
        assertThat(report.getKind()).isEqualTo(ImpactKind.RETIREMENT);
        assertThat(report.getDownstreamProducts()).isEmpty();
        assertThat(fixture.output(Topics.IMPACT).readValuesToList()).isEmpty();
    }

    @Test
    void aDecisionOfASupersededMajorPairsWithNoneOfTheProductsRecords() {
        acceptedWithDecision(attribution(), "c0");
        acceptedWithDecision(Samples.contract(PAID), "c1");
        acceptedWithDecision(version(Samples.contract(PAID), "2.0.0"), "c2");
        fixture.output(Topics.IMPACT_REPORTS).readValuesToList();
        fixture.output(Topics.IMPACT).readValuesToList();
        DataProductContract retiredV1 = version(Samples.contract(PAID), "1.0.1");
        retiredV1.setStatus(ProductStatus.RETIRED);
        fixture.input(Topics.DECISIONS).pipeInput(PAID, decision(retiredV1, "c3", DecisionOutcome.ACCEPTED));
        retiredV1.setId(PAID + "@v1");
        fixture.input(Topics.CATALOG).pipeInput(PAID + "@v1", retiredV1);

        DataProductContract deprecated = version(Samples.contract(PAID), "2.1.0");
        deprecated.setStatus(ProductStatus.DEPRECATED);
        acceptedWithDecision(deprecated, "c4");

        assertThat(fixture.output(Topics.IMPACT_REPORTS).readValuesToList()).extracting(ImpactReport::getChangeId, ImpactReport::getKind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("c4", ImpactKind.DEPRECATION));
    }

    private void acceptedWithDecision(DataProductContract contract, String changeId) {
        fixture.input(Topics.CATALOG).pipeInput(contract.getId(), contract);
        fixture.input(Topics.DECISIONS).pipeInput(contract.getId(), decision(contract, changeId, DecisionOutcome.ACCEPTED));
    }

    static DataProductContract attribution() {
        DataProductContract attribution = Samples.contract(ATTRIBUTION);
        attribution.setUpstreamProducts(List.of(PAID));
        return attribution;
    }

    static DataProductContract version(DataProductContract contract, String version) {
        contract.setVersion(version);
        return contract;
    }

    static Decision decision(DataProductContract contract, String changeId, DecisionOutcome outcome) {
        return Decision.newBuilder().setChangeId(changeId).setProductId(contract.getId()).setContractVersion(contract.getVersion())
                .setOutcome(outcome).setViolations(List.of()).setPolicySets(List.of()).setDecidedAt(T0).build();
    }
}
