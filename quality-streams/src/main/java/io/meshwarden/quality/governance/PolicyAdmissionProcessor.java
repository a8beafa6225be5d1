package io.meshwarden.quality.governance;

import io.meshwarden.avro.PolicySet;
import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.governance.policy.Admission;
import io.meshwarden.governance.policy.PolicyLayers;
import io.meshwarden.schemas.PolicySetSubject;
import io.meshwarden.schemas.violation.ViolationFactory;
import io.meshwarden.schemas.violation.ViolationRule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Admits published policy sets, one at a time on a single partition so that every set is checked
 * against the same global set: compiles it, checks its version and, for a domain set, that it
 * does not loosen the global set. Reads and writes the store of admitted sets; forwards an
 * admitted set (to the in-force topic) or a POLICY violation naming why it was refused, in which
 * case the previous version stays in force.
 */
final class PolicyAdmissionProcessor implements Processor<String, PolicySet, String, PolicyAdmissionResult> {
    private final String storeName;
    private final PolicyCache cache;
    private ProcessorContext<String, PolicyAdmissionResult> context;
    private KeyValueStore<String, PolicySet> admitted;

    PolicyAdmissionProcessor(String storeName, PolicyCache cache) {
        this.storeName = storeName;
        this.cache = cache;
    }

    @Override
    public void init(ProcessorContext<String, PolicyAdmissionResult> context) {
        this.context = context;
        this.admitted = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, PolicySet> record) {
        PolicySet candidate = record.value();
        Admission admission = layers().admit(candidate);
        if (admission instanceof Admission.Rejected rejected) {
            Violation refusal = refusal(candidate, rejected.reason());
            context.forward(record.withKey(refusal.getProductId()).withValue(new PolicyAdmissionResult.Refused(refusal)));
        } else if (((Admission.Accepted) admission).changed()) {
            admitted.put(candidate.getId(), candidate);
            context.forward(record.withKey(candidate.getId()).withValue(new PolicyAdmissionResult.InForce(candidate)));
        }
    }

    private PolicyLayers layers() {
        List<PolicySet> sets = new ArrayList<>();
        try (var all = admitted.all()) {
            all.forEachRemaining(entry -> sets.add(entry.value));
        }
        return cache.layersOf(sets);
    }

    private Violation refusal(PolicySet candidate, String reason) {
        // Occasioned by this publication of this version: a replay refuses it under the same id.
        String occasion = candidate.getVersion() + "@" + candidate.getPublishedAt().toEpochMilli();
        return ViolationFactory.violation(PolicySetSubject.of(candidate.getId()),
                        candidate.getDomain() == null ? "global" : candidate.getDomain(), ViolationRule.POLICY_SET_ADMISSION,
                        ViolationStatus.BREACH, occasion, Instant.ofEpochMilli(context.currentSystemTimeMs()))
                .setMessage("policy set " + candidate.getId() + "@" + candidate.getVersion() + " was refused and the"
                        + " version in force stays: " + reason)
                .setPolicySetId(candidate.getId())
                .setPolicySetVersion(candidate.getVersion())
                .build();
    }
}
