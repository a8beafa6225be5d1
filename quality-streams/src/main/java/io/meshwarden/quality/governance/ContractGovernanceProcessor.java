package io.meshwarden.quality.governance;

import io.meshwarden.avro.ContractChange;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.Decision;
import io.meshwarden.avro.PolicySet;
import io.meshwarden.avro.RetirementOverride;
import io.meshwarden.avro.Violation;
import io.meshwarden.governance.ContractContext;
import io.meshwarden.governance.Verdict;
import io.meshwarden.governance.Violations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Evaluates each contract change against the policy sets in force (the global set and the sets of
 * its domain, read from the in-force global store at every change) and decides it. Compares the
 * change with the last accepted version of the product and asks the reverse-lineage store who
 * consumes it, and the global catalog replica for the products its relationships reference ({@link CatalogStores}).
 * Reads and writes the store of last accepted contracts: an accepted change replaces
 * the entry, a rejected one leaves the previous version in force.
 *
 * <p>Keeps in {@link GovernanceTopology#CONTRACT_BREACHES_STORE} the rules each product's contract in
 * force breaks (and its last rejected proposal), so that what a later version or a later policy set no
 * longer breaks recovers ({@link RuleLifecycle}). A rejected change's violations are marked
 * {@code rejectedChange}. Every {@link #POLICY_CHECK} of wall-clock time it asks {@link PolicyEvolution}
 * whether the policy sets in force changed, and {@link DependentsRecheck} whether products referenced by
 * products of its partition changed, and publishes what that changes for the contracts in force.
 *
 * <p>An accepted new major version hands the major it supersedes to the catalog as a deprecated entry, and an
 * accepted retirement over the consumer groups still reading it records its override in the decision
 * ({@link DeprecationSteps}).
 */
final class ContractGovernanceProcessor implements Processor<String, ContractChange, String, GovernanceOutcome> {
    /** How often (wall clock) a task looks whether the policy sets in force changed. */
    static final Duration POLICY_CHECK = Duration.ofSeconds(1);

    private final PolicyCache cache;
    private final ChangeOwnership ownership;
    private ProcessorContext<String, GovernanceOutcome> context;
    private KeyValueStore<String, DataProductContract> accepted;
    private KeyValueStore<String, String> lineage;
    private KeyValueStore<String, ValueAndTimestamp<PolicySet>> policies;
    private KeyValueStore<String, ContractBreaches> breaches;
    private CatalogStores catalog;
    private PolicyEvolution evolution;
    private DependentsRecheck dependents;

    ContractGovernanceProcessor(PolicyCache cache, ChangeOwnership ownership) {
        this.cache = cache;
        this.ownership = ownership;
    }

    @Override
    public void init(ProcessorContext<String, GovernanceOutcome> context) {
        this.context = context;
        this.accepted = context.getStateStore(GovernanceTopology.ACCEPTED_CONTRACTS_STORE);
        this.lineage = context.getStateStore(GovernanceTopology.LINEAGE_STORE);
        this.policies = context.getStateStore(GovernanceTopology.POLICIES_IN_FORCE_STORE);
        this.breaches = context.getStateStore(GovernanceTopology.CONTRACT_BREACHES_STORE);
        this.catalog = new CatalogStores(lineage, context.getStateStore(GovernanceTopology.CATALOG_REPLICA_STORE),
                context.getStateStore(GovernanceTopology.READERS_STORE));
        this.evolution = new PolicyEvolution(cache, this::policiesInForce, catalog);
        this.dependents = new DependentsRecheck(cache, this::policiesInForce, catalog);
        context.schedule(POLICY_CHECK, PunctuationType.WALL_CLOCK_TIME, this::checkPolicies);
    }

    @Override
    public void process(Record<String, ContractChange> record) {
        ContractChange change = record.value();
        DataProductContract previous = accepted.get(record.key());
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        Optional<DataProductContract> supersededEntry = SupersededMajorChanges.entryChanged(previous, change, catalog);
        if (supersededEntry.isPresent()) {
            decideSupersededMajor(record, change, supersededEntry.get(), now);
            return;
        }
        ContractContext judged = new ContractContext(change.getContract(), previous, catalog, now);
        // A change another domain published is refused before any policy looks at it.
        Verdict verdict = ownership.refusal(record.headers(), change).map(refusal -> new Verdict(List.of(refusal)))
                .orElseGet(() -> cache.layersOf(policiesInForce()).evaluate(judged));
        DataProductContract superseded = null;
        RetirementOverride override = null;
        ContractBreaches before = breachesOf(record.key());
        List<Violation> violations;
        RuleLifecycle.Step step;
        if (verdict.accepted()) {
            violations = Violations.of(verdict, change, now);
            step = RuleLifecycle.accepted(before, change, violations, now);
            accepted.put(record.key(), change.getContract());
            dependents.accepted(change.getContract());
            superseded = DeprecationSteps.superseded(previous, change.getContract(), judged.today());
            override = DeprecationSteps.retirementOverride(change, previous, catalog);
        } else {
            violations = Violations.ofRejected(verdict, change, now);
            step = RuleLifecycle.rejected(before, change, violations, now);
        }
        store(record.key(), step.next());
        Decision decision = decision(change, verdict, violations, override, now);
        context.forward(record.withValue(new GovernanceOutcome(change, decision, step.published(), verdict.accepted(),
                previous, superseded)));
    }

    /** A change of a superseded major ({@link SupersededMajorChanges}): only its catalog entry changes. */
    private void decideSupersededMajor(Record<String, ContractChange> record, ContractChange change, DataProductContract entry,
                                       Instant now) {
        DataProductContract before = SupersededMajorChanges.asProduct(entry, change.getProductId());
        ContractContext judged = new ContractContext(change.getContract(), before, SupersededMajorChanges.withoutLineage(catalog), now);
        Verdict verdict = ownership.refusal(record.headers(), change).map(refusal -> new Verdict(List.of(refusal)))
                .orElseGet(() -> SupersededMajorChanges.withPlatformRule(cache.layersOf(policiesInForce()).evaluate(judged),
                        change.getContract(), entry));
        // The version in force did not change: its breaches stay, and only a refusal is published, as feedback.
        List<Violation> violations = verdict.accepted() ? Violations.of(verdict, change, now) : Violations.ofRejected(verdict, change, now);
        Decision decision = decision(change, verdict, violations,
                verdict.accepted() ? DeprecationSteps.retirementOverride(change, before, catalog) : null, now);
        context.forward(record.withValue(new GovernanceOutcome(change, decision, verdict.accepted() ? List.of() : violations, false,
                before, verdict.accepted() ? SupersededMajorChanges.retired(change.getContract(), entry) : null)));
    }

    private static Decision decision(ContractChange change, Verdict verdict, List<Violation> violations, RetirementOverride override,
                                     Instant now) {
        return Decision.newBuilder()
                .setChangeId(change.getChangeId())
                .setProductId(change.getProductId())
                .setContractVersion(change.getContract().getVersion())
                .setOutcome(verdict.outcome())
                .setViolations(violations)
                .setPolicySets(verdict.policySets())
                .setDecidedAt(now)
                .setRetirementOverride(override)
                .build();
    }

    private void checkPolicies(long wallClock) {
        publish(evolution.check(accepted, breaches, Instant.ofEpochMilli(wallClock)), wallClock);
        publish(dependents.check(accepted, breaches, Instant.ofEpochMilli(wallClock)), wallClock);
    }

    private void publish(java.util.Map<String, RuleLifecycle.Step> steps, long wallClock) {
        steps.forEach((productId, step) -> {
            store(productId, step.next());
            context.forward(new Record<>(productId, GovernanceOutcome.reevaluated(step.published()), wallClock));
        });
    }

    private ContractBreaches breachesOf(String productId) {
        ContractBreaches stored = breaches.get(productId);
        return stored == null ? ContractBreaches.NONE : stored;
    }

    private void store(String productId, ContractBreaches next) {
        if (next.empty()) {
            breaches.delete(productId);
        } else {
            breaches.put(productId, next);
        }
    }

    private List<PolicySet> policiesInForce() {
        List<PolicySet> sets = new ArrayList<>();
        try (var all = policies.all()) {
            all.forEachRemaining(entry -> sets.add(entry.value.value()));
        }
        return sets;
    }
}
