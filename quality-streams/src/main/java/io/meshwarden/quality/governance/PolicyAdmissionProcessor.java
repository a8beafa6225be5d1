package io.meshwarden.quality.governance;

import io.meshwarden.avro.PolicySet;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.governance.policy.Admission;
import io.meshwarden.governance.policy.PolicyLayers;
import io.meshwarden.schemas.violation.ViolationRule;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Admits published policy sets, one at a time on a single partition so that every set is checked
 * against the same global set: compiles it, checks its version and, for a domain set, that it
 * does not loosen the global set. Forwards an admitted set (to the in-force topic) or a POLICY
 * violation naming why it was refused, in which case the previous version stays in force.
 *
 * <p>A new version of the global set that loosens the one in force (a rule removed or loosened) is
 * a governance change, not a routine update: it is held in the proposals store and reported as a
 * {@code policy-set.proposal} breach naming each loosening, and takes effect only once enough
 * stewards approved it ({@link PolicyApprovalProcessor}). A newer proposal of the set replaces a held one.
 */
final class PolicyAdmissionProcessor implements Processor<String, PolicySet, String, PolicyAdmissionResult> {
    private final PolicyCache cache;
    private final GovernanceOptions options;
    private ProcessorContext<String, PolicyAdmissionResult> context;
    private KeyValueStore<String, PolicySet> admitted;
    private KeyValueStore<String, PolicySet> proposals;

    PolicyAdmissionProcessor(PolicyCache cache, GovernanceOptions options) {
        this.cache = cache;
        this.options = options;
    }

    @Override
    public void init(ProcessorContext<String, PolicyAdmissionResult> context) {
        this.context = context;
        this.admitted = context.getStateStore(GovernanceTopology.POLICY_SETS_STORE);
        this.proposals = context.getStateStore(GovernanceTopology.POLICY_PROPOSALS_STORE);
    }

    @Override
    public void process(Record<String, PolicySet> record) {
        PolicySet candidate = record.value();
        Admission admission = layers(cache, admitted).admit(candidate);
        if (admission instanceof Admission.Rejected rejected) {
            report(record, PolicyViolations.about(candidate, ViolationRule.POLICY_SET_ADMISSION, ViolationStatus.BREACH,
                    PolicyViolations.publication(candidate), context.currentSystemTimeMs(), "policy set " + ref(candidate)
                            + " was refused and the version in force stays: " + rejected.reason()));
        } else if (admission instanceof Admission.Held held) {
            proposals.put(candidate.getId(), candidate);
            report(record, PolicyViolations.about(candidate, ViolationRule.POLICY_SET_PROPOSAL, ViolationStatus.BREACH,
                    PolicyViolations.publication(candidate), context.currentSystemTimeMs(), held(candidate, held.loosenings())));
        } else if (((Admission.Accepted) admission).changed()) {
            admitted.put(candidate.getId(), candidate);
            context.forward(record.withKey(candidate.getId()).withValue(new PolicyAdmissionResult.InForce(candidate)));
        }
    }

    private String held(PolicySet candidate, List<String> loosenings) {
        String approvers = options.stewards().isEmpty()
                ? "no steward is configured (meshwarden.governance.stewards), so it cannot take effect"
                : options.approvalsRequired() + " distinct stewards of " + options.stewards() + " must approve it: meshwarden"
                        + " policies approve " + candidate.getId() + " " + candidate.getVersion() + " --as STEWARD";
        return "policy set " + ref(candidate) + " loosens the global set in force and is held, not in force; " + approvers
                + ". Loosened: " + String.join("; ", loosenings);
    }

    private void report(Record<String, PolicySet> record, io.meshwarden.avro.Violation violation) {
        context.forward(record.withKey(violation.getProductId()).withValue(new PolicyAdmissionResult.Reported(violation)));
    }

    static PolicyLayers layers(PolicyCache cache, KeyValueStore<String, PolicySet> admitted) {
        List<PolicySet> sets = new ArrayList<>();
        try (var all = admitted.all()) {
            all.forEachRemaining(entry -> sets.add(entry.value));
        }
        return cache.layersOf(sets);
    }

    static String ref(PolicySet set) {
        return set.getId() + "@" + set.getVersion();
    }
}
