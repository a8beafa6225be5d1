package io.meshwarden.bench.access;

import io.meshwarden.access.AccessService;
import io.meshwarden.access.reconcile.AclReconciler;
import io.meshwarden.access.reconcile.AclStore;
import io.meshwarden.access.reconcile.AuditLog;
import io.meshwarden.access.reconcile.BaselineAcls;
import io.meshwarden.access.reconcile.DesiredAcls;
import io.meshwarden.avro.AccessAction;
import io.meshwarden.avro.AccessAuditEvent;
import io.meshwarden.avro.AccessCommand;
import io.meshwarden.avro.AccessRequest;
import io.meshwarden.avro.AccessState;
import io.meshwarden.avro.Classification;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.FieldSpec;
import io.meshwarden.avro.OutputPort;
import io.meshwarden.avro.Ownership;
import io.meshwarden.avro.ProductStatus;
import io.meshwarden.config.KafkaSasl;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.kafka.embedded.BrokerSecurity;
import io.meshwarden.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwarden.kafka.embedded.EmbeddedKafkaConfig;
import io.meshwarden.schemas.AvroTrust;
import io.meshwarden.schemas.Topic;
import io.meshwarden.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Access management on the embedded broker with Kafka's StandardAuthorizer, run by hand:
 * {@code java -cp ... io.meshwarden.bench.access.AccessHarness [grants=10000] [requests=100]}.
 * (1) The reconciler's first pass over {@code grants} live grants (two ACLs each, created through the
 * Admin API) and a steady-state pass (nothing to change), on the production {@link AclReconciler}.
 * (2) Time from the last approval command written to the grant's READ ACL in force on the broker
 * ({@code describeAcls}), p50/p99 over {@code requests} requests through the running access service.
 * (3) On a second broker that authenticates (SASL/SCRAM-SHA-512) and authorizes, the access service
 * running as its own super user: from the last approval command written to the first record the
 * grantee's consumer actually reads (it polls, refused, until the grant takes effect), p50/p99 over
 * {@code requests} requests. Restricted products need two approvals; the measure starts at the second.
 */
public final class AccessHarness {
    private AccessHarness() {
    }

    public static void main(String[] args) throws Exception {
        AvroTrust.ensure();
        int grants = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        Path state = Files.createTempDirectory("access-bench-state");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(EmbeddedKafkaConfig.defaults()
                .withBrokerProperty("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                .withBrokerProperty("allow.everyone.if.no.acl.found", "true")
                .withBrokerProperty("super.users", "User:ANONYMOUS"))) {
            MeshwardenConfig config = MeshwardenConfig.load(Map.of(Settings.BOOTSTRAP_SERVERS.key(), broker.bootstrapServers(),
                    Settings.TOPIC_PREFIX.key(), "bench.", Settings.APPLICATION_ID_PREFIX.key(), "bench",
                    Settings.STATE_DIR.key(), state.toString()));
            reconcilerPasses(config, grants);
            approvalToAcl(config, requests);
        }
        approvalToRead(requests, Files.createTempDirectory("access-bench-secured"));
    }

    private static void approvalToRead(int requests, Path state) throws Exception {
        List<String> readers = IntStream.range(0, requests).mapToObj(i -> "reader-" + i).toList();
        BrokerSecurity users = BrokerSecurity.generated(List.of("access-service"), readers);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(EmbeddedKafkaConfig.defaults().withSecurity(users))) {
            MeshwardenConfig config = MeshwardenConfig.load(Map.of(Settings.BOOTSTRAP_SERVERS.key(), broker.bootstrapServers(),
                            Settings.TOPIC_PREFIX.key(), "secured.", Settings.APPLICATION_ID_PREFIX.key(), "secured",
                            Settings.STATE_DIR.key(), state.toString(), Settings.ACCESS_RECONCILE_INTERVAL_MS.key(), "60000"))
                    .with(KafkaSasl.credentials("access-service", users.password("access-service")));
            DataProductContract product = product("paid-media.bench-segments", Classification.RESTRICTED);
            String topic = product.getOutputPorts().get(0).getTopic();
            List<Long> latencies = new ArrayList<>();
            try (Admin admin = Admin.create(config.adminProperties());
                 KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config.producerProperties("bench"),
                         org.apache.kafka.common.serialization.Serdes.String().serializer(),
                         org.apache.kafka.common.serialization.Serdes.ByteArray().serializer())) {
                admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
                producer.send(new ProducerRecord<>(topic, "row", "segment".getBytes(StandardCharsets.UTF_8))).get();
                try (AccessService service = AccessService.start(config, BaselineAcls.NONE)) {
                    send(producer, config, Topics.CATALOG, product.getId(), product);
                    for (int i = 0; i < requests; i++) {
                        String id = "read-" + i;
                        String reader = readers.get(i);
                        send(producer, config, Topics.ACCESS_COMMANDS, id, command(id, AccessAction.REQUEST, "User:alice")
                                .setProductId(product.getId()).setPrincipal("User:" + reader).setPurpose("bench").setDuration("P1D").build());
                        awaitPending(service, id);
                        send(producer, config, Topics.ACCESS_COMMANDS, id, command(id, AccessAction.APPROVE, "User:paid-media-team").build());
                        long sent = System.nanoTime();
                        send(producer, config, Topics.ACCESS_COMMANDS, id,
                                command(id, AccessAction.APPROVE, "User:steward@paid-media.example").build());
                        firstRead(broker, reader, topic);
                        latencies.add(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - sent));
                    }
                }
            }
            Collections.sort(latencies);
            System.out.printf(Locale.ROOT, "%nlast approval written to a working read (SASL/SCRAM, StandardAuthorizer), %d requests:%n",
                    requests);
            System.out.printf(Locale.ROOT, "  p50 %,8.1f ms   p99 %,8.1f ms   max %,8.1f ms%n", percentile(latencies, 50) / 1000.0,
                    percentile(latencies, 99) / 1000.0, latencies.get(latencies.size() - 1) / 1000.0);
        }
    }

    /** Polls as {@code reader} until it reads the topic's record; refusals before the grant are retried at once. */
    private static void firstRead(EmbeddedKafkaBroker broker, String reader, String topic) {
        Map<String, Object> props = new HashMap<>(broker.clientProperties(reader));
        props.put(ConsumerConfig.GROUP_ID_CONFIG, reader + ".bench");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seek(partition, 0);
            while (System.nanoTime() < deadline) {
                try {
                    if (!consumer.poll(Duration.ofMillis(20)).isEmpty()) {
                        return;
                    }
                } catch (TopicAuthorizationException notYet) {
                    consumer.seek(partition, 0);
                }
            }
        }
        throw new IllegalStateException(reader + " could not read " + topic + " within 60 s of its second approval");
    }

    private static void reconcilerPasses(MeshwardenConfig config, int grants) {
        DataProductContract product = product("paid-media.bench-spend", Classification.INTERNAL);
        List<AccessRequest> live = IntStream.range(0, grants).mapToObj(i -> grant("bench-" + i, "User:reader-" + i, product)).toList();
        try (Admin admin = Admin.create(config.adminProperties())) {
            AclReconciler reconciler = new AclReconciler(AclStore.kafka(admin, Duration.ofMinutes(5)), () -> List.of(product),
                    () -> live, () -> true, new DesiredAcls(BaselineAcls.NONE), new SilentLog(), false, Duration.ofHours(1),
                    Clock.systemUTC());
            long start = System.nanoTime();
            AclReconciler.Pass first = reconciler.reconcileOnce();
            long firstMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            start = System.nanoTime();
            AclReconciler.Pass steady = reconciler.reconcileOnce();
            long steadyMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            System.out.printf(Locale.ROOT, "%nreconciler, %,d live grants (%,d ACLs), StandardAuthorizer, one broker:%n", grants,
                    first.created().size());
            System.out.printf(Locale.ROOT, "  first pass (creates every ACL)   %,8d ms%n", firstMs);
            System.out.printf(Locale.ROOT, "  steady pass (nothing to change)  %,8d ms  (%d created)%n", steadyMs, steady.created().size());
        }
    }

    private static void approvalToAcl(MeshwardenConfig config, int requests) throws Exception {
        DataProductContract product = product("content.bench-views", Classification.INTERNAL);
        List<Long> latencies = new ArrayList<>();
        try (AccessService service = AccessService.start(config.with(Settings.ACCESS_RECONCILE_INTERVAL_MS.key(), "60000"),
                BaselineAcls.NONE);
             Admin admin = Admin.create(config.adminProperties());
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config.producerProperties("bench"),
                     org.apache.kafka.common.serialization.Serdes.String().serializer(),
                     org.apache.kafka.common.serialization.Serdes.ByteArray().serializer())) {
            send(producer, config, Topics.CATALOG, product.getId(), product);
            for (int i = 0; i < requests; i++) {
                String id = "lat-" + i;
                String principal = "User:latency-" + i;
                send(producer, config, Topics.ACCESS_COMMANDS, id, command(id, AccessAction.REQUEST, "User:alice")
                        .setProductId(product.getId()).setPrincipal(principal).setPurpose("bench").setDuration("P1D").build());
                awaitPending(service, id);
                long sent = System.nanoTime();
                send(producer, config, Topics.ACCESS_COMMANDS, id, command(id, AccessAction.APPROVE, "User:content-team").build());
                while (admin.describeAcls(new AclBindingFilter(ResourcePatternFilter.ANY, new AccessControlEntryFilter(principal,
                        null, AclOperation.READ, AclPermissionType.ALLOW))).values().get().isEmpty()) {
                    Thread.sleep(5); // polling the broker is the measurement
                }
                latencies.add(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - sent));
            }
        }
        Collections.sort(latencies);
        System.out.printf(Locale.ROOT, "%nlast approval written to READ ACL in force (describeAcls), %d requests, commit interval %s ms:%n",
                requests, config.get(Settings.COMMIT_INTERVAL_MS));
        System.out.printf(Locale.ROOT, "  p50 %,8.1f ms   p99 %,8.1f ms   max %,8.1f ms%n", percentile(latencies, 50) / 1000.0,
                percentile(latencies, 99) / 1000.0, latencies.get(latencies.size() - 1) / 1000.0);
    }

    private static void awaitPending(AccessService service, String id) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (service.requests().stream().noneMatch(r -> r.getRequestId().equals(id) && r.getState() == AccessState.PENDING)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("request " + id + " never became PENDING");
            }
            Thread.sleep(5);
        }
    }

    private static long percentile(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static <V> void send(KafkaProducer<String, byte[]> producer, MeshwardenConfig config,
                                 io.meshwarden.schemas.TopicSpec<String, V> spec, String key, V value) throws Exception {
        Topic<String, V> topic = config.topics().topic(spec);
        producer.send(new ProducerRecord<>(topic.name(), key, topic.valueSerde().serializer().serialize(topic.name(), value))).get();
    }

    private static AccessCommand.Builder command(String id, AccessAction action, String actor) {
        return AccessCommand.newBuilder().setCommandId(UUID.randomUUID().toString()).setRequestId(id).setAction(action)
                .setActor(actor).setIssuedAt(Instant.now());
    }

    private static DataProductContract product(String id, Classification classification) {
        String domain = id.substring(0, id.indexOf('.'));
        return DataProductContract.newBuilder().setId(id).setDomain(domain).setName(id.substring(id.indexOf('.') + 1))
                .setVersion("1.0.0").setStatus(ProductStatus.ACTIVE)
                .setOwner(Ownership.newBuilder().setTeam(domain + "-team").setSteward("steward@" + domain + ".example").build())
                .setClassification(classification)
                .setOutputPorts(List.of(OutputPort.newBuilder().setName("stream").setTopic(id + ".v1").build()))
                .setFields(List.of(FieldSpec.newBuilder().setName("id").build())).build();
    }

    private static AccessRequest grant(String id, String principal, DataProductContract product) {
        Instant now = Instant.now();
        return AccessRequest.newBuilder().setRequestId(id).setProductId(product.getId()).setPrincipal(principal)
                .setRequestedBy("User:alice").setPurpose("bench").setDuration("P1D").setState(AccessState.APPROVED)
                .setRequiredApprovals(1).setApprovers(List.of("User:" + product.getDomain() + "-team"))
                .setAllowedApprovers(List.of(product.getDomain() + "-team")).setTopics(List.of(product.getId() + ".v1"))
                .setRequestedAt(now).setApprovedAt(now).setExpiresAt(now.plus(Duration.ofDays(1))).setChangedAt(now).build();
    }

    /** Audit and PROVISIONED reports dropped: this pass measures the ACLs alone. */
    private static final class SilentLog implements AuditLog {
        @Override
        public void write(AccessAuditEvent event) {
        }

        @Override
        public void command(AccessCommand command) {
        }
    }
}
