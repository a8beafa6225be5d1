package io.meshwarden.schemas;

import io.meshwarden.avro.AccessAuditEvent;
import io.meshwarden.avro.AccessCommand;
import io.meshwarden.avro.AccessRequest;
import io.meshwarden.avro.Alert;
import io.meshwarden.avro.AlertCommand;
import io.meshwarden.avro.AnomalyBands;
import io.meshwarden.avro.ContractChange;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.Decision;
import io.meshwarden.avro.ImpactNotice;
import io.meshwarden.avro.ImpactReport;
import io.meshwarden.avro.MetricEvent;
import io.meshwarden.avro.PolicyApproval;
import io.meshwarden.avro.PolicySet;
import io.meshwarden.avro.QualitySnapshot;
import io.meshwarden.avro.TopicReaders;
import io.meshwarden.avro.Violation;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every topic of the mesh, in one place. Keys are the product id wherever the record concerns a
 * product (so one product's events stay ordered on one partition), the policy set id on the policy
 * topic, and the alert id on the alert topics. Code names topics through these constants only.
 */
public final class Topics {
    public static final TopicSpec<String, ContractChange> CONTRACT_CHANGES = event("products.changes",
            ContractChange.class, false, "contract changes published by domains; key: product id");
    public static final TopicSpec<String, DataProductContract> CATALOG = event("products.catalog",
            DataProductContract.class, true, "last accepted contract of every product; compacted; key: product id");
    public static final TopicSpec<String, MetricEvent> METRICS = event("products.metrics",
            MetricEvent.class, false, "pipeline load metrics published by domains; key: product id");
    public static final TopicSpec<String, PolicySet> POLICIES = event("governance.policies",
            PolicySet.class, true, "global and domain policy sets; compacted; key: policy set id");
    public static final TopicSpec<String, PolicySet> POLICIES_IN_FORCE = event("governance.policies.in-force",
            PolicySet.class, true, "policy sets governance admitted (read by every instance as a global store); compacted;"
                    + " key: policy set id");
    public static final TopicSpec<String, DataProductContract> CATALOG_REPLICA = event("governance.catalog-replica",
            DataProductContract.class, true, "the catalog again, written by governance and read by every governance instance as"
                    + " a global store, so that a relationship resolves against any product; compacted; key: product id");
    public static final TopicSpec<String, PolicyApproval> POLICY_APPROVALS = event("governance.policy-approvals",
            PolicyApproval.class, false, "stewards' approvals of held global policy sets (four eyes); key: policy set id");
    public static final TopicSpec<String, Decision> DECISIONS = event("governance.decisions",
            Decision.class, false, "the outcome of every contract change; key: product id");
    public static final TopicSpec<String, TopicReaders> READERS = event("governance.readers",
            TopicReaders.class, true, "who reads each topic: consumer groups with committed offsets and their lag, live read"
                    + " grants, as the readers poller last saw them; compacted; key: topic name");
    public static final TopicSpec<String, ImpactReport> IMPACT_REPORTS = event("governance.impact-reports",
            ImpactReport.class, false, "who an accepted breaking change, deprecation or retirement hits, named by its decision's"
                    + " change id; key: product id");
    public static final TopicSpec<String, ImpactNotice> IMPACT = event("governance.impact",
            ImpactNotice.class, false, "one notice per affected owner of a breaking change, deprecation or retirement;"
                    + " key: product id");
    public static final TopicSpec<String, Violation> VIOLATIONS = event("governance.violations",
            Violation.class, false, "policy and quality violations and recoveries; key: product id");
    public static final TopicSpec<String, QualitySnapshot> SNAPSHOTS = event("quality.snapshots",
            QualitySnapshot.class, false, "measured quality per product per window step; key: product id");
    public static final TopicSpec<String, AnomalyBands> ANOMALY_BANDS = event("quality.anomaly-bands", AnomalyBands.class, true,
            "every detected metric's band per product, written when a judgement changes one; compacted; key: product id");
    public static final TopicSpec<String, DataProductContract> OBSERVED_PORTS = event("quality.observed-ports",
            DataProductContract.class, true, "contract of each output topic read in observed mode; compacted; key: topic name");
    public static final TopicSpec<String, MetricEvent> OBSERVED_MEASUREMENTS = event("quality.observed-measurements",
            MetricEvent.class, false, "one measurement per record the observed app read from a product's output topic, for the"
                    + " product's quality task; partitioned like the catalog; key: product id");
    public static final TopicSpec<String, Violation> PROVISIONING_FINDINGS = event("quality.provisioning-findings",
            Violation.class, true, "the open BREACH of every provisioning refusal and drift, so that one fixed while"
                    + " provisioning was down still recovers; compacted, a tombstone at its recovery; key: <product id>/<topic>/<rule id>");
    public static final TopicSpec<String, Alert> ALERTS = event("sla.alerts",
            Alert.class, false, "every state change of an operations alert; key: alert id");
    public static final TopicSpec<String, AlertCommand> ALERT_COMMANDS = event("sla.alert-commands",
            AlertCommand.class, false, "acknowledge, resolve and snooze commands; key: alert id");
    public static final TopicSpec<String, AccessCommand> ACCESS_COMMANDS = event("access.commands",
            AccessCommand.class, false, "access request, approve, reject, revoke and provisioned commands; key: request id");
    public static final TopicSpec<String, AccessRequest> ACCESS_REQUESTS = event("access.requests",
            AccessRequest.class, true, "current state of every access request (live ones are the grants); compacted; key: request id");
    /** Always JSON, whatever the output format: an audit trail is read by people with kcat; readers accept Avro too. */
    public static final TopicSpec<String, AccessAuditEvent> ACCESS_AUDIT = new TopicSpec<>("access.audit", Serdes.String(),
            format -> new EventSerde<>(AccessAuditEvent.class, format.writing(OutputFormat.JSON)), false,
            "append-only audit of access requests and of the ACLs the reconciler changes, as JSON; key: request id or resource");
    /** OpenLineage's own JSON, whatever the output format: read by lineage tools and Meshwarden's HTTP forwarder. */
    public static final TopicSpec<String, String> LINEAGE = new TopicSpec<>("lineage.openlineage", Serdes.String(),
            format -> Serdes.String(), false,
            "OpenLineage events (JSON): a DatasetEvent per accepted contract's output port, a RunEvent per quality snapshot;"
                    + " key: product id");
    public static final TopicSpec<byte[], byte[]> DEAD_LETTER = new TopicSpec<>("deadletter",
            Serdes.ByteArray(), format -> Serdes.ByteArray(), false,
            "records that could not be processed: original bytes, reason and source in headers");

    public static final List<TopicSpec<?, ?>> ALL = List.of(CONTRACT_CHANGES, CATALOG, METRICS, POLICIES, POLICIES_IN_FORCE,
            CATALOG_REPLICA, POLICY_APPROVALS, DECISIONS, READERS, IMPACT_REPORTS, IMPACT, VIOLATIONS, SNAPSHOTS, ANOMALY_BANDS, OBSERVED_PORTS, OBSERVED_MEASUREMENTS,
            PROVISIONING_FINDINGS,
            ALERTS, ALERT_COMMANDS, ACCESS_COMMANDS,
            ACCESS_REQUESTS, ACCESS_AUDIT, LINEAGE, DEAD_LETTER);

    private Topics() {
    }

    private static <V extends SpecificRecord> TopicSpec<String, V> event(String suffix, Class<V> type, boolean compacted,
                                                                           String description) {
        return new TopicSpec<>(suffix, Serdes.String(), format -> (Serde<V>) new EventSerde<>(type, format), compacted,
                description);
    }
}
