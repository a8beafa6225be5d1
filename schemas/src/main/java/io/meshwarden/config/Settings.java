package io.meshwarden.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every setting Meshwarden knows, with its default; the README's configuration table lists these. */
public final class Settings {
    public static final Setting CONFIG_FILE = new Setting("meshwarden.config.file", "",
            "properties file of further settings, read over the defaults and under the environment and command line; empty is none");
    public static final Setting BOOTSTRAP_SERVERS = new Setting("meshwarden.bootstrap.servers", "localhost:9092",
            "Kafka bootstrap servers");
    public static final Setting TOPIC_PREFIX = new Setting("meshwarden.topic.prefix", "mesh.",
            "prefix of every Meshwarden topic name");
    public static final Setting OUTPUT_FORMAT = new Setting("meshwarden.output.format", "avro",
            "value encoding of output topics: avro (single-object encoding), json, or confluent-avro (Confluent wire format, schemas registered under <topic>-value; needs meshwarden.schema.registry.url); inputs accept all three");
    public static final Setting PROCESSING_GUARANTEE = new Setting("meshwarden.processing.guarantee", "exactly_once_v2",
            "Kafka Streams processing guarantee: exactly_once_v2 or at_least_once");
    public static final Setting COMMIT_INTERVAL_MS = new Setting("meshwarden.commit.interval.ms", "100",
            "Kafka Streams commit interval; under exactly-once each topic hop costs about this much latency");
    public static final Setting STATE_DIR = new Setting("meshwarden.state.dir",
            System.getProperty("java.io.tmpdir") + "/meshwarden-state", "directory of the Kafka Streams state stores");
    public static final Setting TOPIC_PARTITIONS = new Setting("meshwarden.topic.partitions", "4",
            "partitions of the topics Meshwarden creates");
    public static final Setting TOPIC_REPLICATION_FACTOR = new Setting("meshwarden.topic.replication.factor", "-1",
            "replication factor of the topics Meshwarden creates and of Kafka Streams' internal topics; -1 decides from the "
                    + "cluster: 3 from three brokers on, else one per broker; min.insync.replicas is 2 from three replicas on, else 1");
    public static final Setting APPLICATION_ID_PREFIX = new Setting("meshwarden.application.id.prefix", "meshwarden",
            "prefix of the Kafka Streams application ids and consumer groups");
    public static final Setting APPLICATION_SERVER = new Setting("meshwarden.application.server", "",
            "host:port other instances reach this one's HTTP API on, passed to Kafka Streams as application.server;"
                    + " empty is localhost and the HTTP port actually bound");

    public static final Setting INSTANCE_ID = new Setting("meshwarden.instance.id", "",
            "this instance's stable member id in its Kafka Streams groups (static membership: a restart within the session "
                    + "timeout gets its tasks back without a rebalance); empty: generated once and kept in the state directory");
    public static final Setting STANDBY_REPLICAS = new Setting("meshwarden.standby.replicas", "1",
            "warm copies of each task's state kept by other instances, so that failover does not restore from scratch");

    public static final Setting CHANGES_PER_DOMAIN = new Setting("meshwarden.changes.per.domain", "false",
            "true: publishers write a contract change to its domain's own topic, <prefix>products.changes.<domain>, which on a"
                    + " secured cluster only that domain may write (docs/access.md); false: to the shared <prefix>products.changes");

    public static final Setting SLA_RETENTION_MS = new Setting("meshwarden.sla.retention.ms", "604800000",
            "SLA monitor: how long resolved violations, closed episodes and resolved alerts stay in the stores (and the API) (ms)");
    public static final Setting SLA_ESCALATION_BLOCKING_MS = new Setting("meshwarden.sla.escalation.blocking.ms", "900000",
            "SLA monitor: an unacknowledged BLOCKING alert escalates after this long (ms)");
    public static final Setting SLA_ESCALATION_WARNING_MS = new Setting("meshwarden.sla.escalation.warning.ms", "14400000",
            "SLA monitor: an unacknowledged WARNING alert escalates after this long (ms)");
    public static final Setting SLA_FLAP_CYCLES = new Setting("meshwarden.sla.flap.cycles", "3",
            "SLA monitor: more than this many breach/recover cycles within the flap window hold an alert as FLAPPING");
    public static final Setting SLA_FLAP_WINDOW_MS = new Setting("meshwarden.sla.flap.window.ms", "1800000",
            "SLA monitor: window of the flap count, and how long a flapping alert must stay recovered to resolve (ms)");
    public static final Setting SLA_RUNBOOK_BASE_URL = new Setting("meshwarden.sla.runbook.base.url",
            "https://runbooks.meshwarden.io/sla/", "SLA monitor: an alert's runbook link is this followed by its rule id");
    public static final Setting SLA_PUNCTUATE_INTERVAL_MS = new Setting("meshwarden.sla.punctuate.interval.ms", "5000",
            "SLA monitor: wall-clock interval of escalation, snooze, flap and burn-rate checks (ms)");
    public static final Setting SLA_PEER_TIMEOUT_MS = new Setting("meshwarden.sla.peer.timeout.ms", "2000",
            "SLA monitor: how long an instance waits for another's answer to a forwarded or fanned-out read (ms)");
    public static final Setting SLA_READ_SETTLE_MS = new Setting("meshwarden.sla.read.settle.ms", "4000",
            "SLA monitor: how long a read of one product keeps asking while the group settles (a rebalance moving its partition) before a 503 (ms)");
    public static final Setting SLA_ALERT_REJECTED_CHANGES = new Setting("meshwarden.sla.alert.rejected-changes", "none",
            "SLA monitor: which violations of rejected contract changes open an alert: none, blocking, all, or a comma-separated list of rule ids (docs/sla-monitor.md)");
    public static final Setting SECURITY_ENABLED = new Setting("meshwarden.security.enabled", "true",
            "SLA monitor: the API needs credentials (JWT bearer or basic) and roles; false opens it to anyone (docs/security.md)");
    public static final Setting SECURITY_USERS_FILE = new Setting("meshwarden.security.users.file", "",
            "SLA monitor: YAML file of basic-auth users (name, PBKDF2 hash, roles), or classpath:RESOURCE; empty is none");
    public static final Setting SECURITY_JWT_SECRET = new Setting("meshwarden.security.jwt.secret", "",
            "SLA monitor: HS256 secret (32+ characters) that signs and checks tokens, the same on every instance; empty is a random one");

    public static final Setting QUALITY_WINDOW_STEP_MS = new Setting("meshwarden.quality.window.step.ms", "60000",
            "how far a product's rolling completeness window advances at a time; a snapshot per product per step (ms)");
    public static final Setting QUALITY_GRACE_MS = new Setting("meshwarden.quality.grace.ms", "60000",
            "how long after a window step ends (metric event time) late metrics still count; later ones are dead-lettered 'late' (ms)");
    public static final Setting QUALITY_PUNCTUATION_INTERVAL_MS = new Setting("meshwarden.quality.punctuation.interval.ms",
            "200", "how often (wall clock) freshness is checked (only the products past their deadline are read); silence is detected within this plus the commit interval (ms)");
    public static final Setting QUALITY_MAX_CLOCK_SKEW_MS = new Setting("meshwarden.quality.max.clock.skew.ms", "300000",
            "how far ahead of the wall clock a metric's eventTime or newestRecordTime may be; later ones are refused as 'future-event-time' / 'future-record-time' (ms)");
    public static final Setting QUALITY_CONTRACT_WAIT_MS = new Setting("meshwarden.quality.contract.wait.ms", "60000",
            "how long (wall clock) a metric of a product without an accepted contract waits for it before it is dead-lettered 'unknown-product' (ms)");
    public static final Setting QUALITY_IDLE_CLOSE_MS = new Setting("meshwarden.quality.idle.close.ms", "3600000",
            "after this much wall-clock silence a product's own clock runs on with the wall clock (this far behind), so its last windows close and drain (ms)");
    public static final Setting QUALITY_ANOMALY_ENABLED = new Setting("meshwarden.quality.anomaly.enabled", "true",
            "quality-streams: run the anomaly detectors (volume, null rates, arrival gap); a product turns its own off with anomaly.enabled");
    public static final Setting QUALITY_ACCURACY_HORIZON_MS = new Setting("meshwarden.quality.accuracy.horizon.ms", "604800000",
            "quality-streams: how long after a period closed the source platform may still restate its control totals (later ones are dead-lettered 'late'); 0 turns accuracy reconciliation off (ms)");
    public static final Setting QUALITY_OBSERVED_TOPIC_PATTERN = new Setting("meshwarden.quality.observed.topic.pattern", "",
            "regex of data product output topics the quality processor reads itself (observed mode), besides those of contracts that opt in with kafka.observed; empty: only those");
    public static final Setting QUALITY_OBSERVED_REFRESH_MS = new Setting("meshwarden.quality.observed.refresh.ms", "5000",
            "quality-streams, observed mode: how often the observed app looks for new topics matching the pattern (its consumer's metadata refresh); a topic created later is read within this and a rebalance (ms)");
    public static final Setting QUALITY_OBSERVED_DEADLETTER_SAMPLES = new Setting("meshwarden.quality.observed.deadletter.samples.per.minute", "10",
            "quality-streams, observed mode: undecodable records of one product and reason copied to the dead-letter topic per minute (per task); the rest are counted, not copied; 0 copies none");
    public static final Setting QUALITY_OBSERVED_UNDECODABLE_MAX_SHARE = new Setting("meshwarden.quality.observed.undecodable.max-share", "0.05",
            "quality-streams, observed mode: the share (0 to 1) of a product's observed records in one window step that may fail to decode; above it, one observed.undecodable violation opens, and recovers at the first step back under it; 1 turns the violation off");
    public static final Setting QUALITY_OBSERVED_START = new Setting("meshwarden.quality.observed.start", "earliest",
            "quality-streams, observed mode: where reading an observed topic starts when the observed app has no committed offset on it: earliest (the topic's beginning), latest (only records written from then on), or an ISO-8601 duration such as PT24H (the records of that long ago and newer)");
    public static final Setting SCHEMA_REGISTRY_URL = new Setting("meshwarden.schema.registry.url", "",
            "base URL of a Confluent-compatible schema registry (Confluent, Karapace, Apicurio's ccompat API, Redpanda), for records in the Confluent wire format; empty: none");
    public static final Setting SCHEMA_REGISTRY_BASIC_AUTH = new Setting("meshwarden.schema.registry.basic.auth.user.info", "",
            "USER:PASSWORD for the registry's HTTP basic authentication; empty: none");
    public static final Setting SCHEMA_REGISTRY_BEARER_TOKEN = new Setting("meshwarden.schema.registry.bearer.token", "",
            "a bearer token for the registry (instead of basic authentication); empty: none");
    public static final Setting SCHEMA_REGISTRY_TRUSTSTORE = new Setting("meshwarden.schema.registry.ssl.truststore.location", "",
            "a trust store (PKCS12 or JKS) with the registry's CA, for an https URL the JDK's own trust does not cover; empty: the JDK's");
    public static final Setting SCHEMA_REGISTRY_TRUSTSTORE_PASSWORD = new Setting("meshwarden.schema.registry.ssl.truststore.password", "",
            "the trust store's password");
    public static final Setting SCHEMA_REGISTRY_TIMEOUT_MS = new Setting("meshwarden.schema.registry.timeout.ms", "5000",
            "how long one registry request may take before the registry counts as unavailable (ms)");
    public static final Setting SCHEMA_REGISTRY_DRIFT_CHECK_MS = new Setting("meshwarden.schema.registry.drift.check.ms", "60000",
            "quality-streams, with a schema registry: how often each registry subject's latest version is asked for (one request per subject); a port's schemas are compared when that version changed and on each contract change (ms)");
    public static final Setting PROVISIONING_ENABLED = new Setting("meshwarden.provisioning.enabled", "false",
            "quality-streams: create and update the Kafka output topics of accepted contracts through the Admin API (partitions, retention, cleanup policy, replication); mesh-local turns it on");
    public static final Setting PROVISIONING_PARTITIONS = new Setting("meshwarden.provisioning.partitions", "4",
            "provisioning: partitions of a product topic whose contract declares no kafka.partitions");
    public static final Setting PROVISIONING_CORRECT_DRIFT = new Setting("meshwarden.provisioning.correct-drift", "false",
            "provisioning: also correct, where safe, a topic that drifted from its contract after it was provisioned (else only reported)");
    public static final Setting PROVISIONING_INTERVAL_MS = new Setting("meshwarden.provisioning.interval.ms", "60000",
            "provisioning: how often every accepted contract's topics are compared with the cluster, for drift; a newly accepted contract is provisioned at once (ms)");
    public static final Setting GOVERNANCE_STEWARDS = new Setting("meshwarden.governance.stewards", "",
            "comma-separated names of the stewards who may approve a global policy set that loosens the one in force; two"
                    + " distinct ones must; empty: no loosening can take effect");
    public static final Setting GOVERNANCE_APPROVALS_REQUIRED = new Setting("meshwarden.governance.approvals.required", "2",
            "distinct stewards who must approve a loosening of the global policy set (four eyes: 2)");
    public static final Setting NOTIFY_ALERTMANAGER_URL = new Setting("meshwarden.notify.alertmanager.url", "",
            "Prometheus Alertmanager to push alert transitions to (its v2 API), e.g. http://alertmanager:9093; empty is off");
    public static final Setting NOTIFY_WEBHOOK_URL = new Setting("meshwarden.notify.webhook.url", "",
            "URL every alert transition is POSTed to as JSON, signed with HMAC-SHA256; empty is off");
    public static final Setting NOTIFY_WEBHOOK_SECRET = new Setting("meshwarden.notify.webhook.secret", "",
            "the webhook's signing secret (X-Meshwarden-Signature: sha256=<hex of HMAC-SHA256(body)>); required with a webhook");
    public static final Setting NOTIFY_REFRESH_INTERVAL_MS = new Setting("meshwarden.notify.refresh.interval.ms", "60000",
            "how often active alerts are re-sent to Alertmanager, well within its resolve_timeout (5 min by default) (ms)");
    public static final Setting NOTIFY_ATTEMPTS = new Setting("meshwarden.notify.attempts", "6",
            "delivery attempts per transition and sink before it is dead-lettered 'notification-failed'");
    public static final Setting NOTIFY_BACKOFF_MS = new Setting("meshwarden.notify.backoff.ms", "500",
            "wait after a failed delivery, doubled after each, at most 30 s (ms)");

    public static final Setting ACCESS_ENFORCE = new Setting("meshwarden.access.enforce", "false",
            "access reconciler: also delete an ACL on a managed resource that no grant or baseline explains (else only report it)");
    public static final Setting ACCESS_RECONCILE_INTERVAL_MS = new Setting("meshwarden.access.reconcile.interval.ms", "30000",
            "access reconciler: desired and actual ACLs are compared on every change and at least this often (ms)");
    public static final Setting ACCESS_EXPIRY_INTERVAL_MS = new Setting("meshwarden.access.expiry.interval.ms", "1000",
            "access service: wall-clock interval of the check for expired grants (ms)");
    public static final Setting ACCESS_STEWARD_PRINCIPALS = new Setting("meshwarden.access.steward.principals", "",
            "comma-separated Kafka principals (User:<name>) of the governance stewards: the baseline ACLs let only them, besides"
                    + " the super users, write the policy topics (policy sets, policy approvals); empty: only the super users");

    public static final Setting LINEAGE_NAMESPACE = new Setting("meshwarden.lineage.namespace", "",
            "lineage: OpenLineage namespace of the products' Kafka datasets; empty: kafka://<first bootstrap server>");
    public static final Setting LINEAGE_HTTP_URL = new Setting("meshwarden.lineage.http.url", "",
            "lineage: OpenLineage endpoint every event of the lineage topic is POSTed to, e.g. http://marquez:5000/api/v1/lineage;"
                    + " empty is off");
    public static final Setting LINEAGE_HTTP_API_KEY = new Setting("meshwarden.lineage.http.api-key", "",
            "lineage: sent to the endpoint as Authorization: Bearer <key>; empty: no Authorization header");
    public static final Setting LINEAGE_HTTP_ATTEMPTS = new Setting("meshwarden.lineage.http.attempts", "5",
            "lineage: delivery attempts of one event on a 5xx, 429 or connection error before the forwarder pauses and starts"
                    + " over from it (nothing is skipped)");
    public static final Setting LINEAGE_HTTP_BACKOFF_MS = new Setting("meshwarden.lineage.http.backoff.ms", "500",
            "lineage: wait after a failed delivery, doubled after each, at most 30 s (ms)");

    public static final Setting IMPACT_POLL_MS = new Setting("meshwarden.governance.impact.poll.ms", "10000",
            "impact: how often the readers poller asks the cluster which consumer groups read which topics, and their lag (ms)");
    public static final Setting IMPACT_REMINDER_DAYS = new Setting("meshwarden.governance.impact.reminder.days", "14,7,1",
            "impact: days before a deprecated version's sunset at which the owners of consumer groups still reading it get a"
                    + " reminder, each once (comma-separated)");
    public static final Setting IMPACT_REMINDER_CHECK_MS = new Setting("meshwarden.governance.impact.reminder.check.ms", "60000",
            "impact: how often (wall clock) the impact app looks which deprecated versions reached a reminder point or their"
                    + " sunset (ms)");

    public static final List<Setting> ALL = List.of(CONFIG_FILE, BOOTSTRAP_SERVERS, TOPIC_PREFIX, OUTPUT_FORMAT, PROCESSING_GUARANTEE,
            COMMIT_INTERVAL_MS, STATE_DIR, TOPIC_PARTITIONS, TOPIC_REPLICATION_FACTOR, APPLICATION_ID_PREFIX, INSTANCE_ID,
            STANDBY_REPLICAS, APPLICATION_SERVER, CHANGES_PER_DOMAIN, SLA_RETENTION_MS, SLA_ESCALATION_BLOCKING_MS, SLA_ESCALATION_WARNING_MS,
            SLA_FLAP_CYCLES, SLA_FLAP_WINDOW_MS, SLA_RUNBOOK_BASE_URL, SLA_PUNCTUATE_INTERVAL_MS, SLA_PEER_TIMEOUT_MS, SLA_READ_SETTLE_MS, SLA_ALERT_REJECTED_CHANGES,
            SECURITY_ENABLED, SECURITY_USERS_FILE, SECURITY_JWT_SECRET,
            QUALITY_WINDOW_STEP_MS, QUALITY_GRACE_MS, QUALITY_PUNCTUATION_INTERVAL_MS, QUALITY_MAX_CLOCK_SKEW_MS,
            QUALITY_CONTRACT_WAIT_MS, QUALITY_IDLE_CLOSE_MS, QUALITY_OBSERVED_TOPIC_PATTERN, QUALITY_OBSERVED_REFRESH_MS,
            QUALITY_OBSERVED_DEADLETTER_SAMPLES, QUALITY_OBSERVED_UNDECODABLE_MAX_SHARE, QUALITY_OBSERVED_START,
            SCHEMA_REGISTRY_URL, SCHEMA_REGISTRY_BASIC_AUTH,
            SCHEMA_REGISTRY_BEARER_TOKEN, SCHEMA_REGISTRY_TRUSTSTORE, SCHEMA_REGISTRY_TRUSTSTORE_PASSWORD, SCHEMA_REGISTRY_TIMEOUT_MS,
            SCHEMA_REGISTRY_DRIFT_CHECK_MS,
            QUALITY_ANOMALY_ENABLED, QUALITY_ACCURACY_HORIZON_MS,
            PROVISIONING_ENABLED, PROVISIONING_PARTITIONS, PROVISIONING_CORRECT_DRIFT, PROVISIONING_INTERVAL_MS,
            GOVERNANCE_STEWARDS,
            GOVERNANCE_APPROVALS_REQUIRED, NOTIFY_ALERTMANAGER_URL, NOTIFY_WEBHOOK_URL, NOTIFY_WEBHOOK_SECRET,
            NOTIFY_REFRESH_INTERVAL_MS, NOTIFY_ATTEMPTS, NOTIFY_BACKOFF_MS, ACCESS_ENFORCE, ACCESS_RECONCILE_INTERVAL_MS,
            ACCESS_EXPIRY_INTERVAL_MS, ACCESS_STEWARD_PRINCIPALS, LINEAGE_NAMESPACE, LINEAGE_HTTP_URL, LINEAGE_HTTP_API_KEY,
            LINEAGE_HTTP_ATTEMPTS, LINEAGE_HTTP_BACKOFF_MS, IMPACT_POLL_MS, IMPACT_REMINDER_DAYS, IMPACT_REMINDER_CHECK_MS);

    private static final Map<String, Setting> BY_KEY = ALL.stream().collect(Collectors.toMap(Setting::key, Function.identity()));

    private Settings() {
    }

    public static Optional<Setting> byKey(String key) {
        return Optional.ofNullable(BY_KEY.get(key));
    }
}
