package io.meshwarden.governance.access;

import io.meshwarden.avro.Classification;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.OutputPort;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.schemas.DomainChangeTopics;
import io.meshwarden.schemas.TopicCatalog;
import io.meshwarden.schemas.TopicSpec;
import io.meshwarden.schemas.Topics;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The ACLs a secured cluster needs before any access grant, derived from the catalog of contracts:
 * what the access reconciler compares with the cluster's actual ACLs (baseline plus live grants).
 * Pure: no Kafka connection, the same catalog gives the same set.
 *
 * <p>For every domain that owns a product ({@link Principals#ofDomain its principal}):
 * <ul>
 *   <li>WRITE and DESCRIBE on topics {@code PREFIXED <domain>.}: its products' output topics, which the
 *       global policy names {@code <domain>.<product>.v<major>}, including versions not created yet;
 *       no other domain's topic starts with that prefix (domain names hold no dot);</li>
 *   <li>WRITE and DESCRIBE on its own change topic ({@link DomainChangeTopics#of}), LITERAL, and on the
 *       shared metrics topic, LITERAL;</li>
 *   <li>READ on consumer groups and WRITE and DESCRIBE on transactional ids {@code PREFIXED <domain>.}, and READ
 *       on its own topics {@code PREFIXED <domain>.}, whatever their classification.</li>
 * </ul>
 * Read access by the classification of each output port (the port's own, else its product's):
 * {@code public} to {@link Principals#EVERYONE}, {@code internal} to every domain's principal, both as
 * READ and DESCRIBE on the port's topic, LITERAL, because classification is per port and a prefix could
 * open a stricter sibling port; {@code confidential} and {@code restricted} get nothing here, only an
 * approved grant opens them. Every authenticated principal reads the platform's outputs ({@link #platformReads}).
 *
 * <p>The policy topics (policy sets, stewards' approvals) are governance itself: one record there can
 * loosen the rules for the whole mesh, so only the configured stewards' principals
 * ({@link Settings#ACCESS_STEWARD_PRINCIPALS}) get WRITE on them ({@link #stewards}); no domain does.
 * Super users (the Meshwarden services) need none of this.
 */
public final class BaselineAcls {
    private final TopicCatalog topics;
    private final DomainChangeTopics changeTopics;
    private final List<String> stewards;

    /** Without stewards: only the super users write the policy topics. */
    public BaselineAcls(TopicCatalog topics) {
        this(topics, List.of());
    }

    /** @param stewards the stewards' Kafka principals, {@code User:<name>} */
    public BaselineAcls(TopicCatalog topics, List<String> stewards) {
        this.topics = topics;
        this.changeTopics = new DomainChangeTopics(topics);
        for (String steward : stewards) {
            if (!steward.startsWith("User:") || steward.length() == "User:".length() || steward.equals(Principals.EVERYONE)) {
                throw new IllegalArgumentException(Settings.ACCESS_STEWARD_PRINCIPALS.key() + ": a steward is one principal"
                        + " User:<name>, not '" + steward + "'");
            }
        }
        this.stewards = List.copyOf(stewards);
    }

    /** The baseline of a deployment: its topics and its stewards ({@link Settings#ACCESS_STEWARD_PRINCIPALS}). */
    public static BaselineAcls of(MeshwardenConfig config) {
        List<String> stewards = Arrays.stream(config.get(Settings.ACCESS_STEWARD_PRINCIPALS).split(","))
                .map(String::strip).filter(steward -> !steward.isEmpty()).toList();
        return new BaselineAcls(config.topics(), stewards);
    }

    /** The desired baseline ACLs of this catalog (one contract per product, the last accepted). */
    public Set<AclBinding> desired(Collection<DataProductContract> catalog) {
        Set<String> domains = new TreeSet<>();
        catalog.forEach(contract -> domains.add(contract.getDomain()));
        Set<AclBinding> acls = new LinkedHashSet<>(platformReads());
        acls.addAll(stewards());
        for (String domain : domains) {
            acls.addAll(ofDomain(domain));
        }
        for (DataProductContract contract : catalog) {
            for (OutputPort port : contract.getOutputPorts()) {
                acls.addAll(readers(port.getTopic(), classificationOf(contract, port), domains));
            }
        }
        return acls;
    }

    /** What a domain may do whatever its products: write its own topics and changes, use its own groups and ids. */
    public Set<AclBinding> ofDomain(String domain) {
        String principal = Principals.ofDomain(domain);
        String prefix = domain + ".";
        Set<AclBinding> acls = new LinkedHashSet<>();
        for (AclOperation operation : List.of(AclOperation.WRITE, AclOperation.DESCRIBE)) {
            acls.add(allow(principal, ResourceType.TOPIC, prefix, PatternType.PREFIXED, operation));
            acls.add(allow(principal, ResourceType.TOPIC, changeTopics.of(domain).name(), PatternType.LITERAL, operation));
            acls.add(allow(principal, ResourceType.TOPIC, topics.name(Topics.METRICS), PatternType.LITERAL, operation));
            acls.add(allow(principal, ResourceType.TRANSACTIONAL_ID, prefix, PatternType.PREFIXED, operation));
        }
        acls.add(allow(principal, ResourceType.GROUP, prefix, PatternType.PREFIXED, AclOperation.READ));
        // A domain reads its own products, whatever their classification: it produced the data.
        acls.add(allow(principal, ResourceType.TOPIC, prefix, PatternType.PREFIXED, AclOperation.READ));
        return acls;
    }

    /**
     * What every authenticated principal may read of the platform's own topics: the catalog (discovery
     * is the point of a mesh), decisions, violations, quality snapshots and anomaly bands, and alerts. Contracts, verdicts
     * and measurements, never a product's data.
     */
    public Set<AclBinding> platformReads() {
        Set<AclBinding> acls = new LinkedHashSet<>();
        for (TopicSpec<?, ?> topic : List.<TopicSpec<?, ?>>of(Topics.CATALOG, Topics.DECISIONS, Topics.VIOLATIONS,
                Topics.SNAPSHOTS, Topics.ANOMALY_BANDS, Topics.ALERTS)) {
            for (AclOperation operation : List.of(AclOperation.READ, AclOperation.DESCRIBE)) {
                acls.add(allow(Principals.EVERYONE, ResourceType.TOPIC, topics.name(topic), PatternType.LITERAL, operation));
            }
        }
        return acls;
    }

    /**
     * What the stewards may do: publish policy sets and approve held ones (WRITE, DESCRIBE on both policy
     * topics, LITERAL), and read them and the sets in force (READ), so that {@code meshwarden policies}
     * can report the outcome. Nobody else but the super users writes these topics.
     */
    public Set<AclBinding> stewards() {
        Set<AclBinding> acls = new LinkedHashSet<>();
        for (String steward : stewards) {
            for (TopicSpec<?, ?> topic : List.<TopicSpec<?, ?>>of(Topics.POLICIES, Topics.POLICY_APPROVALS)) {
                for (AclOperation operation : List.of(AclOperation.WRITE, AclOperation.DESCRIBE, AclOperation.READ)) {
                    acls.add(allow(steward, ResourceType.TOPIC, topics.name(topic), PatternType.LITERAL, operation));
                }
            }
            for (AclOperation operation : List.of(AclOperation.READ, AclOperation.DESCRIBE)) {
                acls.add(allow(steward, ResourceType.TOPIC, topics.name(Topics.POLICIES_IN_FORCE), PatternType.LITERAL, operation));
            }
        }
        return acls;
    }

    /** The effective classification of a port: its own, else its product's. */
    public static Classification classificationOf(DataProductContract contract, OutputPort port) {
        return port.getClassification() != null ? port.getClassification() : contract.getClassification();
    }

    private static Set<AclBinding> readers(String topic, Classification classification, Set<String> domains) {
        List<String> principals = switch (classification) {
            case PUBLIC -> List.of(Principals.EVERYONE);
            case INTERNAL -> domains.stream().map(Principals::ofDomain).toList();
            case CONFIDENTIAL, RESTRICTED -> List.of();
        };
        Set<AclBinding> acls = new LinkedHashSet<>();
        for (String principal : principals) {
            acls.add(allow(principal, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.READ));
            acls.add(allow(principal, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.DESCRIBE));
        }
        return acls;
    }

    /** An ALLOW entry from any host: Meshwarden grants by principal, never by address. */
    public static AclBinding allow(String principal, ResourceType type, String name, PatternType pattern, AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }
}
