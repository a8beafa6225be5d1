package io.meshwarden.access.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.meshwarden.avro.AccessAuditEvent;
import io.meshwarden.avro.AccessAuditKind;
import io.meshwarden.avro.AccessCommand;
import io.meshwarden.avro.AccessRequest;
import io.meshwarden.avro.AccessState;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.schemas.Samples;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

class AclReconcilerTest {
    static final String PRODUCT = "paid-media.spend";
    static final String TOPIC = PRODUCT + ".v1";

    final FakeStore store = new FakeStore();
    final RecordingLog log = new RecordingLog();
    final Map<String, AccessRequest> requests = new ConcurrentHashMap<>();
    final List<DataProductContract> catalog = List.of(Samples.contract(PRODUCT));

    @Test
    void createsAGrantsAclsOnceAndReportsItProvisioned() {
        grant("r1", "User:analytics", AccessState.APPROVED);

        AclReconciler.Pass first = reconciler(false, BaselineAcls.NONE).reconcileOnce();

        assertThat(store.acls).containsExactlyInAnyOrder(topicRead("User:analytics"), groupRead("analytics."));
        assertThat(first.created()).hasSize(2);
        assertThat(first.provisioned()).containsExactly("r1");
        assertThat(log.kinds()).containsExactly(AccessAuditKind.ACL_CREATED, AccessAuditKind.ACL_CREATED);
        assertThat(log.commands).singleElement().satisfies(c -> assertThat(c.getRequestId()).isEqualTo("r1"));
    }

    @Test
    void restoresAManagedAclDeletedBehindItsBack() {
        grant("r1", "User:analytics", AccessState.PROVISIONED);
        AclReconciler reconciler = reconciler(false, BaselineAcls.NONE);
        reconciler.reconcileOnce();
        store.acls.remove(topicRead("User:analytics"));

        AclReconciler.Pass pass = reconciler.reconcileOnce();

        assertThat(pass.restored()).containsExactly(topicRead("User:analytics"));
        assertThat(store.acls).contains(topicRead("User:analytics"));
        assertThat(log.events.get(log.events.size() - 1).getReason()).contains("deleted outside Meshwarden");
    }

    @Test
    void reportsAStrayAclOnceWhileItStaysAndRemovesItWhenEnforcing() {
        AclBinding stray = topicRead("User:mallory");
        AclBinding elsewhere = new AclBinding(new ResourcePattern(ResourceType.TOPIC, "not-a-product", PatternType.LITERAL),
                new AccessControlEntry("User:mallory", "*", AclOperation.READ, AclPermissionType.ALLOW));
        store.acls.addAll(List.of(stray, elsewhere));
        AclReconciler reporting = reconciler(false, BaselineAcls.NONE);

        assertThat(reporting.reconcileOnce().driftReported()).containsExactly(stray);
        assertThat(reporting.reconcileOnce().driftReported()).as("reported once").isEmpty();
        assertThat(store.acls).contains(stray);

        assertThat(reconciler(true, BaselineAcls.NONE).reconcileOnce().driftRemoved()).containsExactly(stray);
        assertThat(store.acls).as("an unmanaged resource is not ours to judge").containsExactly(elsewhere);
        assertThat(log.kinds()).containsExactly(AccessAuditKind.DRIFT_DETECTED, AccessAuditKind.DRIFT_REMOVED);
    }

    @Test
    void aRevokedGrantLosesOnlyTheAclsNoLiveGrantExplains() {
        grant("r1", "User:analytics", AccessState.PROVISIONED);
        AclReconciler reconciler = reconciler(false, BaselineAcls.NONE);
        reconciler.reconcileOnce();
        requests.put("r1", AccessRequest.newBuilder(requests.get("r1")).setState(AccessState.REVOKED).build());
        grant("r2", "User:analytics", AccessState.PROVISIONED, "paid-media.other.v1");

        AclReconciler.Pass pass = reconciler.reconcileOnce();

        assertThat(pass.deleted()).containsExactly(topicRead("User:analytics"));
        assertThat(store.acls).contains(groupRead("analytics.")).doesNotContain(topicRead("User:analytics"));
    }

    @Test
    void baselineAclsAreKeptAndNeverDrift() {
        AclBinding domainWrite = new AclBinding(new ResourcePattern(ResourceType.TOPIC, TOPIC, PatternType.LITERAL),
                new AccessControlEntry("User:paid-media", "*", AclOperation.WRITE, AclPermissionType.ALLOW));

        AclReconciler.Pass pass = reconciler(true, catalog -> Set.of(domainWrite)).reconcileOnce();

        assertThat(pass.created()).containsExactly(domainWrite);
        assertThat(reconciler(true, catalog -> Set.of(domainWrite)).reconcileOnce().driftRemoved()).isEmpty();
    }

    @Test
    void aFailedPassIsAuditedAndRetriedWithBackoffUntilTheGrantIsApplied() {
        grant("r1", "User:analytics", AccessState.APPROVED);
        store.failuresLeft.set(2);
        try (AclReconciler reconciler = new AclReconciler(store, () -> catalog, requests::values, () -> true,
                new DesiredAcls(BaselineAcls.NONE), log, false, Duration.ofHours(1), Clock.systemUTC()).start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> store.acls.contains(topicRead("User:analytics")));
        }
        assertThat(log.kinds()).startsWith(AccessAuditKind.PROVISIONING_FAILED, AccessAuditKind.PROVISIONING_FAILED,
                AccessAuditKind.ACL_CREATED);
        assertThat(log.events.get(1).getReason()).contains("2 in a row").contains("retrying in 1000 ms");
        assertThat(log.commands).hasSize(1);
    }

    @Test
    void aClusterWithoutAuthorizerIsReportedOnceNotRetriedInALoop() {
        grant("r1", "User:analytics", AccessState.APPROVED);
        AclStore noAuthorizer = new FakeStore() {
            @Override
            public Collection<AclBinding> all() {
                throw new IllegalStateException("No Authorizer is configured.",
                        new org.apache.kafka.common.errors.SecurityDisabledException("No Authorizer is configured."));
            }
        };
        try (AclReconciler reconciler = new AclReconciler(noAuthorizer, () -> catalog, requests::values, () -> true,
                new DesiredAcls(BaselineAcls.NONE), log, false, Duration.ofMillis(50), Clock.systemUTC()).start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !log.events.isEmpty());
            // Passes run every 50 ms; the audit must stay at one event over several of them.
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(30)).until(() -> log.events.size() == 1);
        }
        assertThat(log.events).singleElement().satisfies(e -> assertThat(e.getReason()).contains("no authorizer"));
        assertThat(log.commands).as("nothing was provisioned").isEmpty();
    }

    private AclReconciler reconciler(boolean enforce, BaselineAcls baseline) {
        return new AclReconciler(store, () -> catalog, requests::values, () -> true, new DesiredAcls(baseline), log, enforce,
                Duration.ofHours(1), Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC));
    }

    private void grant(String id, String principal, AccessState state, String... topics) {
        requests.put(id, AccessRequest.newBuilder().setRequestId(id).setProductId(PRODUCT).setPrincipal(principal)
                .setRequestedBy("User:alice").setPurpose("p").setDuration("P30D").setState(state).setRequiredApprovals(1)
                .setApprovers(List.of("User:paid-media-team")).setAllowedApprovers(List.of("paid-media-team"))
                .setTopics(topics.length == 0 ? List.of(TOPIC) : List.of(topics)).setRequestedAt(Instant.EPOCH)
                .setApprovedAt(Instant.EPOCH).setExpiresAt(Instant.EPOCH.plus(Duration.ofDays(30))).setChangedAt(Instant.EPOCH)
                .build());
    }

    static AclBinding topicRead(String principal) {
        return new AclBinding(new ResourcePattern(ResourceType.TOPIC, TOPIC, PatternType.LITERAL),
                new AccessControlEntry(principal, "*", AclOperation.READ, AclPermissionType.ALLOW));
    }

    static AclBinding groupRead(String prefix) {
        return new AclBinding(new ResourcePattern(ResourceType.GROUP, prefix, PatternType.PREFIXED),
                new AccessControlEntry("User:" + prefix.substring(0, prefix.length() - 1), "*", AclOperation.READ,
                        AclPermissionType.ALLOW));
    }

    /** The cluster's ACLs in memory; its creates fail while {@code failuresLeft} is positive. */
    static class FakeStore implements AclStore {
        final Set<AclBinding> acls = ConcurrentHashMap.newKeySet();
        final AtomicInteger failuresLeft = new AtomicInteger();

        @Override
        public Collection<AclBinding> all() {
            return new ArrayList<>(acls);
        }

        @Override
        public void create(Collection<AclBinding> bindings) {
            if (failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("broker unavailable");
            }
            acls.addAll(bindings);
        }

        @Override
        public void delete(Collection<AclBinding> bindings) {
            acls.removeAll(bindings);
        }
    }

    static final class RecordingLog implements AuditLog {
        final List<AccessAuditEvent> events = new CopyOnWriteArrayList<>();
        final List<AccessCommand> commands = new CopyOnWriteArrayList<>();

        @Override
        public void write(AccessAuditEvent event) {
            events.add(event);
        }

        @Override
        public void command(AccessCommand command) {
            commands.add(command);
        }

        List<AccessAuditKind> kinds() {
            return events.stream().map(AccessAuditEvent::getKind).toList();
        }
    }
}
