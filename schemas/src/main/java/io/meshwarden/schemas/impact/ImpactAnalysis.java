package io.meshwarden.schemas.impact;

import io.meshwarden.avro.AffectedGrant;
import io.meshwarden.avro.AffectedGroup;
import io.meshwarden.avro.AffectedProduct;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.GrantReader;
import io.meshwarden.avro.GroupReader;
import io.meshwarden.avro.ImpactKind;
import io.meshwarden.avro.ImpactNotice;
import io.meshwarden.avro.ImpactReport;
import io.meshwarden.avro.OutputPort;
import io.meshwarden.avro.ProductStatus;
import io.meshwarden.avro.TopicReaders;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Who a change of a product's contract hits, as pure functions shared by the impact topology
 * (quality-streams), the SLA monitor's {@code /api/products/{id}/impact} and the CLI: which changes
 * count ({@link #kind}), the report of the downstream products, consumer groups and read grants of
 * the product's topics ({@link #report}), and one notice per affected owner ({@link #notices}).
 * An owner is a team, or the steward when the team is unknown; the changed product's own team is
 * not notified of its own change, and readers with no known owner are reported but notify nobody.
 */
public final class ImpactAnalysis {
    private ImpactAnalysis() {
    }

    /**
     * What the step from {@code previous} (null: none known) to {@code current} is: a retirement, a
     * deprecation, a breaking change (a higher major version), or none.
     */
    public static Optional<ImpactKind> kind(DataProductContract previous, DataProductContract current) {
        ProductStatus before = previous == null ? null : previous.getStatus();
        if (current.getStatus() == ProductStatus.RETIRED && before != ProductStatus.RETIRED) {
            return Optional.of(ImpactKind.RETIREMENT);
        }
        if (current.getStatus() == ProductStatus.DEPRECATED && before != ProductStatus.DEPRECATED) {
            return Optional.of(ImpactKind.DEPRECATION);
        }
        if (previous != null && major(current.getVersion()) > major(previous.getVersion()) && major(previous.getVersion()) >= 0) {
            return Optional.of(ImpactKind.BREAKING_CHANGE);
        }
        return Optional.empty();
    }

    /** The leading number of a semantic version, -1 when it has none. */
    static int major(String version) {
        int end = 0;
        while (end < version.length() && end < 9 && Character.isDigit(version.charAt(end))) {
            end++;
        }
        return end == 0 ? -1 : Integer.parseInt(version.substring(0, end));
    }

    /** The output topics of both versions, previous first, each once. */
    public static List<String> topics(DataProductContract previous, DataProductContract current) {
        return Stream.concat(previous == null ? Stream.empty() : previous.getOutputPorts().stream(), current.getOutputPorts().stream())
                .map(OutputPort::getTopic).distinct().toList();
    }

    /**
     * The report of a change.
     *
     * @param downstream the products that list {@code current} upstream ({@link #affected})
     * @param readers    who reads a topic, null when nobody is known to
     */
    public static ImpactReport report(String changeId, DataProductContract previous, DataProductContract current, ImpactKind kind,
                                      Collection<AffectedProduct> downstream, Function<String, TopicReaders> readers,
                                      Instant at) {
        List<String> topics = topics(previous, current);
        List<AffectedProduct> products = downstream.stream().filter(d -> !d.getProductId().equals(current.getId())).toList();
        List<AffectedGroup> groups = new ArrayList<>();
        List<AffectedGrant> grants = new ArrayList<>();
        for (String topic : topics) {
            TopicReaders read = readers.apply(topic);
            if (read == null) {
                continue;
            }
            for (GroupReader group : read.getGroups()) {
                groups.add(new AffectedGroup(group.getGroupId(), topic, group.getLag(), group.getOwnerTeam(), group.getSteward()));
            }
            for (GrantReader grant : read.getGrants()) {
                grants.add(new AffectedGrant(grant.getPrincipal(), topic, grant.getRequestId(), grant.getOwnerTeam(),
                        grant.getSteward()));
            }
        }
        Set<String> owners = new LinkedHashSet<>();
        products.forEach(p -> addOwner(owners, owner(p.getOwnerTeam(), p.getSteward())));
        groups.forEach(g -> addOwner(owners, owner(g.getOwnerTeam(), g.getSteward())));
        grants.forEach(g -> addOwner(owners, owner(g.getOwnerTeam(), g.getSteward())));
        owners.remove(owner(current.getOwner().getTeam(), current.getOwner().getSteward()));
        return ImpactReport.newBuilder().setChangeId(changeId).setProductId(current.getId()).setContractVersion(current.getVersion())
                .setPreviousVersion(previous == null ? null : previous.getVersion()).setKind(kind).setTopics(topics)
                .setDownstreamProducts(products).setConsumerGroups(groups).setReadGrants(grants).setOwners(List.copyOf(owners))
                .setReportedAt(at).build();
    }

    /** A downstream product as a report names it. */
    public static AffectedProduct affected(DataProductContract product) {
        return new AffectedProduct(product.getId(), product.getOwner().getTeam(), product.getOwner().getSteward());
    }

    /** One notice per owner the report names, with what of theirs it hits. */
    public static List<ImpactNotice> notices(ImpactReport report) {
        List<ImpactNotice> notices = new ArrayList<>();
        for (String owner : report.getOwners()) {
            List<AffectedProduct> products = report.getDownstreamProducts().stream()
                    .filter(p -> owner.equals(owner(p.getOwnerTeam(), p.getSteward()))).toList();
            List<AffectedGroup> groups = report.getConsumerGroups().stream()
                    .filter(g -> owner.equals(owner(g.getOwnerTeam(), g.getSteward()))).toList();
            List<AffectedGrant> grants = report.getReadGrants().stream()
                    .filter(g -> owner.equals(owner(g.getOwnerTeam(), g.getSteward()))).toList();
            String steward = Stream.of(products.stream().map(AffectedProduct::getSteward), groups.stream().map(AffectedGroup::getSteward),
                    grants.stream().map(AffectedGrant::getSteward)).flatMap(s -> s).filter(Objects::nonNull).findFirst().orElse(null);
            notices.add(ImpactNotice.newBuilder().setChangeId(report.getChangeId()).setProductId(report.getProductId())
                    .setContractVersion(report.getContractVersion()).setKind(report.getKind()).setOwner(owner).setSteward(steward)
                    .setDownstreamProducts(products).setConsumerGroups(groups).setReadGrants(grants)
                    .setNoticedAt(report.getReportedAt()).build());
        }
        return notices;
    }

    /** Whom a notice goes to: the team, else the steward, else nobody (null). */
    public static String owner(String team, String steward) {
        return team != null && !team.isBlank() ? team : steward != null && !steward.isBlank() ? steward : null;
    }

    private static void addOwner(Set<String> owners, String owner) {
        if (owner != null) {
            owners.add(owner);
        }
    }
}
