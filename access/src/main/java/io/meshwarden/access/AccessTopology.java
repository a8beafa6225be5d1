package io.meshwarden.access;

import io.meshwarden.avro.AccessAuditEvent;
import io.meshwarden.avro.AccessCommand;
import io.meshwarden.avro.AccessRequest;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.PolicyApproval;
import io.meshwarden.avro.Violation;
import io.meshwarden.schemas.Topic;
import io.meshwarden.schemas.TopicCatalog;
import io.meshwarden.schemas.TopicSpec;
import io.meshwarden.schemas.Topics;
import io.meshwarden.streams.DeadLetterRouting;
import io.meshwarden.streams.InputRule;
import io.meshwarden.schemas.violation.ViolationRule;
import io.meshwarden.streams.Partitioning;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The access workflow's whole Kafka Streams topology. Tests build exactly this.
 * <pre>
 * access.commands --decode (dead letters)--> by-key --> access-request-lifecycle --+--> access.requests (state)
 *                                                        (access-requests-store)    +--> access.audit (every command)
 * products.catalog --> access-catalog-store (global: a request names any product)
 * governance.policy-approvals --by set id (1 partition)--+--> policy-audit --> access.audit (policy:&lt;set id&gt;)
 * governance.violations (policy-set.*) --by set id ------+    (policy-audit-approvals-store, policy-audit-parked-store)
 * </pre>
 * Commands are keyed by request id and may come from any client (CLI, API, kcat), so they are
 * re-keyed through {@code <application.id>-access-commands-by-key-repartition} first. Undecodable
 * commands go to the dead-letter topic; decodable ones that the workflow refuses get an audit event
 * with outcome REFUSED and the reason: nothing is dropped silently.
 *
 * <p>The policy audit ({@link PolicyAuditProcessor}) re-keys both inputs by policy set id through
 * {@code policy-approvals-by-set} and {@code policy-verdicts-by-set}, one partition each (policy
 * approvals are rare), so that one task sees both and Kafka Streams hands it their records in
 * timestamp order. Undecodable approvals are quality-streams' to dead-letter (it owns that input):
 * here they are skipped by the deserialization handler, with a log line.
 *
 * <p>Reads {@link #INPUTS}; writes {@link #OUTPUTS}, the repartition topics above and the stores' changelogs.
 */
public final class AccessTopology {
    /** Suffix of the application id ({@code <meshwarden.application.id.prefix>-access}). */
    public static final String APPLICATION_SUFFIX = "access";
    public static final List<TopicSpec<?, ?>> INPUTS = List.of(Topics.ACCESS_COMMANDS, Topics.CATALOG,
            Topics.POLICY_APPROVALS, Topics.VIOLATIONS);
    public static final List<TopicSpec<?, ?>> OUTPUTS = List.of(Topics.ACCESS_REQUESTS, Topics.ACCESS_AUDIT, Topics.DEAD_LETTER);

    private AccessTopology() {
    }

    public static Topology build(TopicCatalog topics, Duration expiryInterval, Properties streamsProperties) {
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(streamsProperties)));
        Topic<String, DataProductContract> catalog = topics.topic(Topics.CATALOG);
        builder.globalTable(catalog.name(), Consumed.with(catalog.keySerde(), catalog.valueSerde()).withName("access-catalog-source"),
                Materialized.<String, DataProductContract, KeyValueStore<Bytes, byte[]>>as(AccessStores.CATALOG)
                        .withKeySerde(catalog.keySerde()).withValueSerde(AccessStores.avro(DataProductContract.class)));
        builder.addStateStore(AccessStores.requests());

        var outputs = DeadLetterRouting.decodedStream(builder, topics, topics.topic(Topics.ACCESS_COMMANDS), AccessCommand.class,
                        new InputRule<>("request id", AccessCommand::getRequestId, AccessTopology::invalidRequestId),
                        Partitioning.BY_KEY, "access-commands")
                .process(() -> new AccessRequestProcessor(expiryInterval), Named.as("access-request-lifecycle"),
                        AccessStores.REQUESTS)
                .split(Named.as("access-outputs"))
                .branch((id, value) -> value instanceof AccessRequest, Branched.as("-state"))
                .defaultBranch(Branched.as("-audit"));

        Topic<String, AccessRequest> requests = topics.topic(Topics.ACCESS_REQUESTS);
        outputs.get("access-outputs-state").mapValues(value -> (AccessRequest) value, Named.as("access-request-state"))
                .to(requests.name(), Produced.with(requests.keySerde(), requests.valueSerde()).withName("access-requests-sink"));
        Topic<String, AccessAuditEvent> audit = topics.topic(Topics.ACCESS_AUDIT);
        outputs.get("access-outputs-audit").mapValues(value -> (AccessAuditEvent) value, Named.as("access-audit-event"))
                .to(audit.name(), Produced.with(audit.keySerde(), audit.valueSerde()).withName("access-audit-sink"));
        policyAudit(builder, topics).to(audit.name(), Produced.with(audit.keySerde(), audit.valueSerde())
                .withName("policy-audit-sink"));
        return builder.build(streamsProperties);
    }

    private static KStream<String, AccessAuditEvent> policyAudit(StreamsBuilder builder, TopicCatalog topics) {
        builder.addStateStore(AccessStores.policyAuditApprovals());
        builder.addStateStore(AccessStores.policyAuditParked());
        Topic<String, PolicyApproval> approvalsTopic = topics.topic(Topics.POLICY_APPROVALS);
        KStream<String, SpecificRecord> approvals = builder.stream(approvalsTopic.name(),
                        Consumed.with(approvalsTopic.keySerde(), approvalsTopic.valueSerde()).withName("policy-approvals-source"))
                .filter((key, approval) -> approval != null, Named.as("policy-approvals-present"))
                .selectKey((key, approval) -> approval.getPolicySetId(), Named.as("policy-approvals-by-set-key"))
                .repartition(Repartitioned.<String, PolicyApproval>as("policy-approvals-by-set")
                        .withKeySerde(Serdes.String()).withValueSerde(AccessStores.avro(PolicyApproval.class))
                        .withNumberOfPartitions(1))
                .mapValues(approval -> (SpecificRecord) approval, Named.as("policy-approval-input"));
        Topic<String, Violation> violations = topics.topic(Topics.VIOLATIONS);
        KStream<String, SpecificRecord> verdicts = builder.stream(violations.name(),
                        Consumed.with(violations.keySerde(), violations.valueSerde()).withName("policy-verdicts-source"))
                .filter((key, violation) -> isPolicyVerdict(violation), Named.as("policy-verdicts-only"))
                .selectKey((key, violation) -> violation.getPolicySetId(), Named.as("policy-verdicts-by-set-key"))
                .repartition(Repartitioned.<String, Violation>as("policy-verdicts-by-set")
                        .withKeySerde(Serdes.String()).withValueSerde(AccessStores.avro(Violation.class))
                        .withNumberOfPartitions(1))
                .mapValues(violation -> (SpecificRecord) violation, Named.as("policy-verdict-input"));
        return approvals.merge(verdicts, Named.as("policy-audit-inputs"))
                .process(PolicyAuditProcessor::new, Named.as("policy-audit"), AccessStores.POLICY_AUDIT_APPROVALS,
                        AccessStores.POLICY_AUDIT_PARKED);
    }

    /** Governance's word on a held proposal or an approval of one. */
    static boolean isPolicyVerdict(Violation violation) {
        return violation != null && violation.getPolicySetId() != null && violation.getPolicySetVersion() != null
                && (ViolationRule.POLICY_SET_PROPOSAL.ruleId().equals(violation.getRuleId())
                || ViolationRule.POLICY_SET_APPROVAL.ruleId().equals(violation.getRuleId()));
    }

    private static String invalidRequestId(AccessCommand command) {
        String id = command.getRequestId();
        return id == null || !id.matches("[A-Za-z0-9._-]{1,100}")
                ? "requestId must be 1 to 100 letters, digits, '.', '_' or '-', not '" + id + "'" : null;
    }
}
