package io.meshwarden.quality.governance;

import io.meshwarden.avro.ContractChange;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.Decision;
import io.meshwarden.avro.PolicyApproval;
import io.meshwarden.avro.PolicySet;
import io.meshwarden.avro.TopicReaders;
import io.meshwarden.avro.Violation;
import io.meshwarden.governance.validation.ContractChecks;
import io.meshwarden.governance.validation.PolicySetChecks;
import io.meshwarden.streams.DeadLetterRouting;
import io.meshwarden.streams.InputRule;
import io.meshwarden.streams.Partitioning;
import io.meshwarden.schemas.DomainChangeTopics;
import io.meshwarden.schemas.EventSerde;
import io.meshwarden.schemas.OutputFormat;
import io.meshwarden.schemas.Topic;
import io.meshwarden.schemas.TopicCatalog;
import io.meshwarden.schemas.Topics;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The governance topology. Reads contract changes and published policy sets; writes one decision
 * per change, the violations it found and the recoveries it brings, accepted contracts to the compacted catalog (and its
 * replica, read back as a global store by every instance to resolve relationships), with the major a new major
 * version supersedes as a deprecated entry of its own ({@link io.meshwarden.governance.lifecycle.Deprecation}), admitted
 * policy sets to the in-force topic, refused sets as POLICY violations, and undecodable records, or
 * changes and sets that break a semantic rule ({@link ContractChecks}, {@link PolicySetChecks}), to
 * the dead-letter topic. docs/policies.md explains the stores.
 */
public final class GovernanceTopology {
    /** Last accepted contract of every product: what the next change is compared with. */
    public static final String ACCEPTED_CONTRACTS_STORE = "accepted-contracts-store";
    /** Policy sets admitted so far, on the single admission partition. */
    public static final String POLICY_SETS_STORE = "policy-sets-store";
    /** Global policy sets held for stewards' approval (they loosen the set in force), by id, on the admission partition. */
    public static final String POLICY_PROPOSALS_STORE = "policy-proposals-store";
    /** The approvals so far of each held proposal, on the admission partition. */
    public static final String POLICY_APPROVALS_STORE = "policy-approvals-store";
    /** Policy sets in force, replicated to every instance from the in-force topic. */
    public static final String POLICIES_IN_FORCE_STORE = "policies-in-force-store";
    /** Per product, the rules its contract in force (and its last rejected proposal) breaks: what can recover. */
    public static final String CONTRACT_BREACHES_STORE = "contract-breaches-store";
    /** Every product's accepted contract, replicated to every instance: what relationships resolve against. */
    public static final String CATALOG_REPLICA_STORE = "catalog-replica-store";
    /** Who reads each topic (mesh.governance.readers), replicated to every instance: the consumer groups a retirement would leave behind. */
    public static final String READERS_STORE = "governance-readers-store";
    /** Reverse lineage: upstream product, active consumer. */
    public static final String LINEAGE_STORE = "lineage-store";

    private GovernanceTopology() {
    }

    public static void build(StreamsBuilder builder, TopicCatalog topics) {
        build(builder, topics, GovernanceOptions.defaults());
        replicateCatalog(builder, topics);
    }

    /**
     * The global {@link #CATALOG_REPLICA_STORE} the governance processor resolves relationships against, read from
     * the replica topic {@link #build} writes, and the global {@link #READERS_STORE} of who reads each topic, which
     * the impact app's readers poller writes. Apart from {@link #build} so that an application adds them after the
     * rest of its topology, and adding them renumbers no sub-topology (task ids, state directories) built before.
     */
    public static void replicateCatalog(StreamsBuilder builder, TopicCatalog topics) {
        Topic<String, DataProductContract> replica = topics.topic(Topics.CATALOG_REPLICA);
        builder.globalTable(replica.name(), Consumed.with(replica.keySerde(), replica.valueSerde())
                        .withName("catalog-replica-source"),
                Materialized.<String, DataProductContract, KeyValueStore<Bytes, byte[]>>as(CATALOG_REPLICA_STORE)
                        .withKeySerde(replica.keySerde()).withValueSerde(replica.valueSerde()));
        Topic<String, TopicReaders> readers = topics.topic(Topics.READERS);
        builder.globalTable(readers.name(), Consumed.with(readers.keySerde(), readers.valueSerde())
                        .withName("governance-readers-source"),
                Materialized.<String, TopicReaders, KeyValueStore<Bytes, byte[]>>as(READERS_STORE)
                        .withKeySerde(readers.keySerde()).withValueSerde(readers.valueSerde()));
    }

    /** Without the catalog replica's global store, which the caller adds with {@link #replicateCatalog}. */
    public static void build(StreamsBuilder builder, TopicCatalog topics, GovernanceOptions options) {
        PolicyCache cache = new PolicyCache();
        admitPolicySets(builder, topics, cache, options);
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ACCEPTED_CONTRACTS_STORE),
                Serdes.String(), new EventSerde<>(DataProductContract.class, OutputFormat.AVRO)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LINEAGE_STORE),
                Serdes.String(), Serdes.String()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CONTRACT_BREACHES_STORE),
                Serdes.String(), ContractBreaches.serde()));

        // The shared change topic and every domain's own (DomainChangeTopics), by pattern.
        DomainChangeTopics changes = new DomainChangeTopics(topics);
        ChangeOwnership ownership = new ChangeOwnership(changes);
        KStream<String, GovernanceOutcome> outcomes = DeadLetterRouting
                .decodedStream(builder, topics, changes.all(), ContractChange.class,
                        InputRule.keyedByProductId(ContractChange::getProductId, (change, now) -> ContractChecks.check(change)),
                        Partitioning.BY_KEY, "contract-changes")
                .process(() -> new ContractGovernanceProcessor(cache, ownership), Named.as("evaluate-contract"),
                        ACCEPTED_CONTRACTS_STORE, LINEAGE_STORE, CONTRACT_BREACHES_STORE);

        Topic<String, Decision> decisions = topics.topic(Topics.DECISIONS);
        outcomes.flatMapValues(GovernanceOutcome::decisions, Named.as("decision"))
                .to(decisions.name(), Produced.with(decisions.keySerde(), decisions.valueSerde()).withName("decisions-sink"));

        Topic<String, Violation> violations = topics.topic(Topics.VIOLATIONS);
        outcomes.flatMapValues(GovernanceOutcome::violations, Named.as("violations"))
                .to(violations.name(), Produced.with(violations.keySerde(), violations.valueSerde()).withName("violations-sink"));

        KStream<String, GovernanceOutcome> acceptedOutcomes = outcomes.filter((productId, outcome) -> outcome.accepted(), Named.as("accepted"));
        Topic<String, DataProductContract> catalog = topics.topic(Topics.CATALOG);
        // The accepted contract under its product id, and the major it supersedes, if any, under <product id>@v<major>;
        // a change of a superseded major writes that major's entry only.
        KStream<String, DataProductContract> acceptedContracts = outcomes.flatMap(
                (productId, outcome) -> outcome.catalogRecords(productId), Named.as("accepted-contract"));
        acceptedContracts.to(catalog.name(), Produced.with(catalog.keySerde(), catalog.valueSerde()).withName("catalog-sink"));
        // The catalog once more, for the global store relationships resolve against: the catalog topic itself is
        // read as a stream by the quality topology, and a topic cannot be both.
        Topic<String, DataProductContract> replica = topics.topic(Topics.CATALOG_REPLICA);
        acceptedContracts.to(replica.name(), Produced.with(replica.keySerde(), replica.valueSerde())
                .withName("catalog-replica-sink"));

        acceptedOutcomes.flatMap(LineageEdges::of, Named.as("lineage-edges"))
                .repartition(Repartitioned.<String, String>as("lineage-by-upstream").withKeySerde(Serdes.String())
                        .withValueSerde(Serdes.String()))
                .process(() -> new LineageProcessor(LINEAGE_STORE), Named.as("update-lineage"), LINEAGE_STORE);
    }

    private static void admitPolicySets(StreamsBuilder builder, TopicCatalog topics, PolicyCache cache, GovernanceOptions options) {
        for (String store : List.of(POLICY_SETS_STORE, POLICY_PROPOSALS_STORE)) {
            builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store),
                    Serdes.String(), new EventSerde<>(PolicySet.class, OutputFormat.AVRO)));
        }
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(POLICY_APPROVALS_STORE),
                Serdes.String(), Serdes.String()));
        Topic<String, PolicySet> inForce = topics.topic(Topics.POLICIES_IN_FORCE);
        // One partition: every set is admitted against the same view of the global set, in publish order.
        KStream<String, PolicyAdmissionResult> results = DeadLetterRouting
                .decodedStream(builder, topics, topics.topic(Topics.POLICIES), PolicySet.class,
                        new InputRule<>("policy set id", PolicySet::getId, set -> null, (set, now) -> PolicySetChecks.check(set)),
                        // Admitted on one partition just below, whatever partition a set arrived on.
                        Partitioning.AS_WRITTEN, "policies")
                .repartition(Repartitioned.<String, PolicySet>as("policies-single-partition").withNumberOfPartitions(1)
                        .withKeySerde(Serdes.String()).withValueSerde(new EventSerde<>(PolicySet.class, OutputFormat.AVRO)))
                .process(() -> new PolicyAdmissionProcessor(cache, options), Named.as("admit-policy-set"),
                        POLICY_SETS_STORE, POLICY_PROPOSALS_STORE);
        // Approvals meet the proposals on the same single partition, so the two processors share one task.
        KStream<String, PolicyAdmissionResult> approved = DeadLetterRouting
                .decodedStream(builder, topics, topics.topic(Topics.POLICY_APPROVALS), PolicyApproval.class,
                        PolicyApproval::getPolicySetId, Partitioning.AS_WRITTEN, "policy-approvals")
                .repartition(Repartitioned.<String, PolicyApproval>as("policy-approvals-single-partition").withNumberOfPartitions(1)
                        .withKeySerde(Serdes.String()).withValueSerde(new EventSerde<>(PolicyApproval.class, OutputFormat.AVRO)))
                .process(() -> new PolicyApprovalProcessor(cache, options), Named.as("approve-policy-set"),
                        POLICY_SETS_STORE, POLICY_PROPOSALS_STORE, POLICY_APPROVALS_STORE);
        results = results.merge(approved, Named.as("policy-admission-results"));
        results.filter((id, result) -> result instanceof PolicyAdmissionResult.InForce, Named.as("policy-set-in-force"))
                .mapValues(result -> ((PolicyAdmissionResult.InForce) result).set(), Named.as("policy-set-admitted"))
                .to(inForce.name(), Produced.with(inForce.keySerde(), inForce.valueSerde()).withName("policies-in-force-sink"));
        Topic<String, Violation> violations = topics.topic(Topics.VIOLATIONS);
        results.filter((id, result) -> result instanceof PolicyAdmissionResult.Reported, Named.as("policy-set-reported"))
                .mapValues(result -> ((PolicyAdmissionResult.Reported) result).violation(), Named.as("policy-set-violation"))
                .to(violations.name(), Produced.with(violations.keySerde(), violations.valueSerde())
                        .withName("policy-refusals-sink"));
        builder.globalTable(inForce.name(), Consumed.with(inForce.keySerde(), inForce.valueSerde())
                        .withName("policies-in-force-source"),
                Materialized.<String, PolicySet, KeyValueStore<Bytes, byte[]>>as(POLICIES_IN_FORCE_STORE)
                        .withKeySerde(inForce.keySerde()).withValueSerde(inForce.valueSerde()));
    }
}
