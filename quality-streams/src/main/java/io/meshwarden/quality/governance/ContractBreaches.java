package io.meshwarden.quality.governance;

import io.meshwarden.avro.Severity;
import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationCategory;
import io.meshwarden.streams.state.StateCodec;
import io.meshwarden.streams.state.StateFields;
import io.meshwarden.streams.state.StateSerde;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * What one product's contracts break now, as {@link GovernanceTopology#CONTRACT_BREACHES_STORE} keeps
 * it: the rules its version in force breaks (each once: an accepted version's warnings, or a rule a
 * later policy set added), and the rules its last rejected proposal since broke, with that proposal's
 * occasion ({@link io.meshwarden.governance.Violations#proposal}) so that its repeat is recognised.
 * {@link RuleLifecycle} turns the difference between this and the next judgement into recoveries.
 *
 * @param proposalOccasion the occasion of the last rejected proposal since the version in force; null: none
 */
record ContractBreaches(List<BrokenRule> inForce, List<BrokenRule> proposal, String proposalOccasion) {
    static final ContractBreaches NONE = new ContractBreaches(List.of(), List.of(), null);

    static final StateCodec<ContractBreaches> CODEC = new StateCodec<>() {
        @Override
        public void write(DataOutput out, ContractBreaches breaches) throws IOException {
            StateFields.writeAll(out, breaches.inForce(), ContractBreaches::writeRule);
            StateFields.writeAll(out, breaches.proposal(), ContractBreaches::writeRule);
            StateFields.writeOptionalString(out, breaches.proposalOccasion());
        }

        @Override
        public ContractBreaches read(DataInput in) throws IOException {
            return new ContractBreaches(StateFields.readAll(in, ContractBreaches::readRule),
                    StateFields.readAll(in, ContractBreaches::readRule), StateFields.readOptionalString(in));
        }
    };

    ContractBreaches {
        inForce = List.copyOf(inForce);
        proposal = List.copyOf(proposal);
    }

    static StateSerde<ContractBreaches> serde() {
        return StateSerde.of(ContractBreaches.class, CODEC);
    }

    /** Nothing broken and no proposal pending: the store holds no entry. */
    boolean empty() {
        return inForce.isEmpty() && proposal.isEmpty() && proposalOccasion == null;
    }

    Optional<BrokenRule> inForce(String ruleId) {
        return inForce.stream().filter(rule -> rule.ruleId().equals(ruleId)).findFirst();
    }

    /**
     * One rule broken, named as its breach named it, so that its recovery does too.
     *
     * @param policySetId null for a rule no policy set holds (the platform's own checks)
     */
    record BrokenRule(String ruleId, ViolationCategory category, Severity severity, String policySetId,
                      String policySetVersion) {

        static BrokenRule of(Violation breach) {
            return new BrokenRule(breach.getRuleId(), breach.getCategory(), breach.getSeverity(), breach.getPolicySetId(),
                    breach.getPolicySetVersion());
        }
    }

    private static void writeRule(DataOutput out, BrokenRule rule) throws IOException {
        out.writeUTF(rule.ruleId());
        out.writeUTF(rule.category().name());
        out.writeUTF(rule.severity().name());
        StateFields.writeOptionalString(out, rule.policySetId());
        StateFields.writeOptionalString(out, rule.policySetVersion());
    }

    private static BrokenRule readRule(DataInput in) throws IOException {
        return new BrokenRule(in.readUTF(), ViolationCategory.valueOf(in.readUTF()), Severity.valueOf(in.readUTF()),
                StateFields.readOptionalString(in), StateFields.readOptionalString(in));
    }
}
