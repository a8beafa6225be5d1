package io.meshwarden.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshwarden.access.reconcile.AclReconciler;
import io.meshwarden.access.reconcile.BaselineAcls;
import io.meshwarden.avro.AccessAction;
import io.meshwarden.avro.AccessAuditEvent;
import io.meshwarden.avro.AccessAuditKind;
import io.meshwarden.avro.AccessCommand;
import io.meshwarden.avro.AccessRequest;
import io.meshwarden.avro.AccessState;
import io.meshwarden.avro.Classification;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwarden.kafka.embedded.EmbeddedKafkaConfig;
import io.meshwarden.kafka.embedded.TopicTail;
import io.meshwarden.schemas.Samples;
import io.meshwarden.schemas.Topic;
import io.meshwarden.schemas.TopicCatalog;
import io.meshwarden.schemas.TopicSpec;
import io.meshwarden.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The access service against a real broker with Kafka's StandardAuthorizer on (PLAINTEXT, so every
 * client here is the super user ANONYMOUS and the test reads the ACLs the broker holds): a grant's
 * ACLs appear after its last approval and go after revocation or expiry, a managed ACL deleted behind
 * the reconciler's back comes back, a stray one is reported (and removed with enforce on), grants
 * survive a restart, and the audit topic holds every step of a request in order.
 */
class AccessReconcilerIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static EmbeddedKafkaBroker broker;

    @TempDir
    Path stateDir;
    private MeshwardenConfig config;
    private TopicCatalog topics;
    private AccessService service;
    private Admin admin;
    private KafkaProducer<String, byte[]> producer;
    private TopicTail auditTail;
    /** Per test: ACLs are cluster-wide, so each test's products (and their topics) are its own. */
    private String piiProduct;
    private String plainProduct;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start(EmbeddedKafkaConfig.defaults()
                .withBrokerProperty("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                .withBrokerProperty("allow.everyone.if.no.acl.found", "true")
                .withBrokerProperty("super.users", "User:ANONYMOUS"));
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @BeforeEach
    void start() {
        String run = "access" + System.nanoTime();
        piiProduct = "paid-media.spend-" + run;
        plainProduct = "content.article-views-" + run;
        config = MeshwardenConfig.defaults(Map.of(
                Settings.BOOTSTRAP_SERVERS.key(), broker.bootstrapServers(),
                Settings.STATE_DIR.key(), stateDir.toString(),
                Settings.TOPIC_PREFIX.key(), run + ".",
                Settings.APPLICATION_ID_PREFIX.key(), run,
                Settings.TOPIC_PARTITIONS.key(), "2",
                Settings.ACCESS_RECONCILE_INTERVAL_MS.key(), "500",
                Settings.ACCESS_EXPIRY_INTERVAL_MS.key(), "200"));
        topics = config.topics();
        service = AccessService.start(config, BaselineAcls.NONE);
        admin = Admin.create(config.adminProperties());
        producer = new KafkaProducer<>(config.producerProperties("it"), Serdes.String().serializer(), Serdes.ByteArray().serializer());
        DataProductContract plain = Samples.contract(plainProduct);
        plain.setFields(List.of(Samples.field("article_id", false, true)));
        plain.setClassification(Classification.INTERNAL);
        send(Topics.CATALOG, piiProduct, Samples.contract(piiProduct));
        send(Topics.CATALOG, plainProduct, plain);
        auditTail = TopicTail.of(config.bootstrapServers(), topics.name(Topics.ACCESS_AUDIT));
    }

    @AfterEach
    void stop() {
        auditTail.close();
        producer.close();
        admin.close();
        service.close();
    }

    @Test
    void grantsAfterTheSecondApprovalRestoresWhatIsDeletedReportsStraysAndRevokes() {
        String r1 = "r1-" + UUID.randomUUID();
        request(r1, piiProduct, "User:analytics", "P30D");
        act(r1, AccessAction.APPROVE, "User:paid-media-team");
        awaitState(r1, AccessState.PENDING);
        assertThat(aclsOf("User:analytics")).as("no ACL before the second approval").isEmpty();
        act(r1, AccessAction.APPROVE, "User:steward@paid-media.example");

        AclBinding topicRead = read(ResourceType.TOPIC, piiProduct + ".v1", PatternType.LITERAL, "User:analytics");
        AclBinding groupRead = read(ResourceType.GROUP, "analytics.", PatternType.PREFIXED, "User:analytics");
        await().atMost(WAIT).until(() -> aclsOf("User:analytics").equals(Set.of(topicRead, groupRead)));
        awaitState(r1, AccessState.PROVISIONED);

        delete(topicRead);
        await().atMost(WAIT).until(() -> kinds(r1).contains(AccessAuditKind.ACL_RESTORED));
        assertThat(aclsOf("User:analytics")).containsExactlyInAnyOrder(topicRead, groupRead);

        AclBinding stray = read(ResourceType.TOPIC, piiProduct + ".v1", PatternType.LITERAL, "User:mallory");
        create(stray);
        await().atMost(WAIT).until(() -> audit().stream().anyMatch(e -> e.getKind() == AccessAuditKind.DRIFT_DETECTED
                && "User:mallory".equals(e.getPrincipal())));
        assertThat(aclsOf("User:mallory")).as("only reported while enforce is off").contains(stray);

        act(r1, AccessAction.REVOKE, "User:steward@paid-media.example");
        await().atMost(WAIT).until(() -> aclsOf("User:analytics").isEmpty());
        await().atMost(WAIT).until(() -> kinds(r1).stream().filter(k -> k == AccessAuditKind.ACL_DELETED).count() == 2);

        assertThat(kinds(r1)).containsExactly(AccessAuditKind.REQUESTED, AccessAuditKind.APPROVAL_RECORDED,
                AccessAuditKind.APPROVED, AccessAuditKind.ACL_CREATED, AccessAuditKind.ACL_CREATED, AccessAuditKind.PROVISIONED,
                AccessAuditKind.ACL_RESTORED, AccessAuditKind.REVOKED, AccessAuditKind.ACL_DELETED, AccessAuditKind.ACL_DELETED);
        AccessAuditEvent restored = audit(r1).stream().filter(e -> e.getKind() == AccessAuditKind.ACL_RESTORED).findFirst().orElseThrow();
        assertThat(restored.getResource()).isEqualTo("TOPIC:LITERAL:" + piiProduct + ".v1");
        assertThat(restored.getOperation()).isEqualTo("READ ALLOW");
        assertThat(restored.getActor()).isEqualTo(AclReconciler.ACTOR);
    }

    @Test
    void grantsSurviveARestartAndEnforceRemovesStrays() {
        String r2 = "r2-" + UUID.randomUUID();
        request(r2, plainProduct, "User:reporting", "P30D");
        act(r2, AccessAction.APPROVE, "User:content-team");
        awaitState(r2, AccessState.PROVISIONED);
        Set<AclBinding> granted = aclsOf("User:reporting");
        assertThat(granted).hasSize(2);
        AclBinding stray = read(ResourceType.TOPIC, plainProduct + ".v1", PatternType.LITERAL, "User:mallory");
        create(stray);
        await().atMost(WAIT).until(() -> audit().stream().anyMatch(e -> e.getKind() == AccessAuditKind.DRIFT_DETECTED
                && "User:mallory".equals(e.getPrincipal())));

        service.close();
        service = AccessService.start(config.with(Settings.ACCESS_ENFORCE.key(), "true"), BaselineAcls.NONE);

        await().atMost(WAIT).until(() -> !aclsOf("User:mallory").contains(stray));
        assertThat(audit()).filteredOn(e -> e.getKind() == AccessAuditKind.DRIFT_REMOVED).singleElement()
                .satisfies(e -> assertThat(e.getResource()).isEqualTo("TOPIC:LITERAL:" + plainProduct + ".v1"));
        assertThat(aclsOf("User:reporting")).as("the grant survived the restart").isEqualTo(granted);
        assertThat(kinds(r2)).doesNotContain(AccessAuditKind.ACL_DELETED);
    }

    @Test
    void anExpiredGrantLosesItsAcls() {
        String r3 = "r3-" + UUID.randomUUID();
        request(r3, plainProduct, "User:forecasting", "PT8S");
        act(r3, AccessAction.APPROVE, "User:steward@content.example");
        await().atMost(WAIT).until(() -> aclsOf("User:forecasting").size() == 2);

        await().atMost(WAIT).until(() -> aclsOf("User:forecasting").isEmpty());
        awaitState(r3, AccessState.EXPIRED);
        await().atMost(WAIT).until(() -> kinds(r3).stream().filter(k -> k == AccessAuditKind.ACL_DELETED).count() == 2);
        assertThat(kinds(r3)).containsSubsequence(AccessAuditKind.REQUESTED, AccessAuditKind.APPROVED, AccessAuditKind.ACL_CREATED,
                AccessAuditKind.EXPIRED, AccessAuditKind.ACL_DELETED);
        assertThat(audit(r3)).filteredOn(e -> e.getKind() == AccessAuditKind.EXPIRED).singleElement()
                .satisfies(e -> assertThat(e.getReason()).contains("PT8S"));
    }

    @Test
    void theAuditTopicIsPlainJsonForKcat() {
        String r4 = "r4-" + UUID.randomUUID();
        request(r4, "paid-media.unknown", "User:analytics", "P30D");

        await().atMost(WAIT).until(() -> !audit(r4).isEmpty());
        String json = rawAudit().stream().filter(r -> r4.equals(new String(r.key(), StandardCharsets.UTF_8)))
                .map(r -> new String(r.value(), StandardCharsets.UTF_8)).findFirst().orElseThrow();
        assertThat(json).startsWith("{\"eventId\":").contains("\"kind\":\"REFUSED\"").contains("unknown product 'paid-media.unknown'");
    }

    private void request(String id, String product, String principal, String duration) {
        send(Topics.ACCESS_COMMANDS, id, command(id, AccessAction.REQUEST, "User:alice").setProductId(product)
                .setPrincipal(principal).setPurpose("attribution").setDuration(duration).build());
    }

    private void act(String id, AccessAction action, String actor) {
        send(Topics.ACCESS_COMMANDS, id, command(id, action, actor).build());
    }

    private static AccessCommand.Builder command(String id, AccessAction action, String actor) {
        return AccessCommand.newBuilder().setCommandId(UUID.randomUUID().toString()).setRequestId(id).setAction(action)
                .setActor(actor).setIssuedAt(Instant.now());
    }

    private <V> void send(TopicSpec<String, V> spec, String key, V value) {
        Topic<String, V> topic = topics.topic(spec);
        try {
            producer.send(new ProducerRecord<>(topic.name(), key, topic.valueSerde().serializer().serialize(topic.name(), value)))
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitState(String id, AccessState state) {
        await().atMost(WAIT).until(() -> service.requests().stream()
                .anyMatch(r -> r.getRequestId().equals(id) && r.getState() == state));
    }

    private List<ConsumerRecord<byte[], byte[]>> rawAudit() {
        return auditTail.poll(topics.name(Topics.ACCESS_AUDIT));
    }

    private List<AccessAuditEvent> audit() {
        Topic<String, AccessAuditEvent> topic = topics.topic(Topics.ACCESS_AUDIT);
        return rawAudit().stream().map(r -> topic.valueSerde().deserializer().deserialize(topic.name(), r.value())).toList();
    }

    private List<AccessAuditEvent> audit(String requestId) {
        return audit().stream().filter(e -> requestId.equals(e.getRequestId())).toList();
    }

    private List<AccessAuditKind> kinds(String requestId) {
        return audit(requestId).stream().map(AccessAuditEvent::getKind).toList();
    }

    private Set<AclBinding> aclsOf(String principal) {
        try {
            Collection<AclBinding> acls = admin.describeAcls(new AclBindingFilter(ResourcePatternFilter.ANY,
                    new AccessControlEntryFilter(principal, null, AclOperation.ANY, AclPermissionType.ANY))).values().get();
            return acls.stream().collect(Collectors.toSet());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void create(AclBinding binding) {
        try {
            admin.createAcls(List.of(binding)).all().get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void delete(AclBinding binding) {
        try {
            admin.deleteAcls(List.of(binding.toFilter())).all().get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static AclBinding read(ResourceType type, String name, PatternType pattern, String principal) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry(principal, "*", AclOperation.READ, AclPermissionType.ALLOW));
    }
}
