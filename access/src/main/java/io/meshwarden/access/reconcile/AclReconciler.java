package io.meshwarden.access.reconcile;

import io.meshwarden.access.AccessAudit;
import io.meshwarden.avro.AccessAction;
import io.meshwarden.avro.AccessAuditKind;
import io.meshwarden.avro.AccessCommand;
import io.meshwarden.avro.AccessOutcome;
import io.meshwarden.avro.AccessRequest;
import io.meshwarden.avro.AccessState;
import io.meshwarden.avro.DataProductContract;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.errors.SecurityDisabledException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the cluster's ACLs what {@link DesiredAcls} says, on every change of the grants or the catalog
 * and at least every {@code interval}: each pass reads the actual ACLs ({@code describeAcls}), creates
 * the missing desired ones (audited ACL_CREATED, or ACL_RESTORED when an earlier pass had seen it in
 * place: someone deleted it), deletes those of ended grants (ACL_DELETED), and reports an ACL on a
 * managed resource that nothing explains (DRIFT_DETECTED, once while it stays), deleting it when
 * {@code enforce} is on (DRIFT_REMOVED). When every ACL of an APPROVED grant is in place it reports the
 * grant PROVISIONED on the command topic.
 *
 * <p>Not fire-and-forget: a failed pass is audited (PROVISIONING_FAILED) and retried with exponential
 * backoff (0.5 s doubling to 30 s); the grants live in Kafka, so no failure or restart loses one. It
 * waits for its views to catch up before its first pass, so that it never judges by half the grants.
 * One thread runs every pass.
 */
public final class AclReconciler implements AutoCloseable {
    /** Who acts, in the audit trail and on PROVISIONED reports. */
    public static final String ACTOR = "User:meshwarden-access";
    private static final Logger LOG = LoggerFactory.getLogger(AclReconciler.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    /** What one pass did. */
    public record Pass(List<AclBinding> created, List<AclBinding> restored, List<AclBinding> deleted,
                       List<AclBinding> driftReported, List<AclBinding> driftRemoved, List<String> provisioned) {
        static Pass skipped() {
            return new Pass(List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
        }
    }

    private final AclStore acls;
    private final Supplier<Collection<DataProductContract>> catalog;
    private final Supplier<Collection<AccessRequest>> requests;
    private final BooleanSupplier ready;
    private final DesiredAcls desired;
    private final AuditLog log;
    private final boolean enforce;
    private final Duration interval;
    private final Clock clock;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "access-reconciler");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean pending = new AtomicBoolean();
    /** Desired bindings seen in place by the last pass: one missing now was deleted behind our back. */
    private Set<AclBinding> confirmed = new HashSet<>();
    private final Set<AclBinding> reportedDrift = new HashSet<>();
    private final Set<String> reportedProvisioned = ConcurrentHashMap.newKeySet();
    private int failures;
    private boolean noAuthorizerReported;

    public AclReconciler(AclStore acls, Supplier<Collection<DataProductContract>> catalog, Supplier<Collection<AccessRequest>> requests,
                         BooleanSupplier ready, DesiredAcls desired, AuditLog log, boolean enforce, Duration interval, Clock clock) {
        this.acls = acls;
        this.catalog = catalog;
        this.requests = requests;
        this.ready = ready;
        this.desired = desired;
        this.log = log;
        this.enforce = enforce;
        this.interval = interval;
        this.clock = clock;
    }

    public AclReconciler start() {
        executor.scheduleWithFixedDelay(this::trigger, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("access reconciler started: every change and every {}, enforce={}", interval, enforce);
        return this;
    }

    /** Asks for a pass soon; passes asked for while one is queued are one pass. */
    public void trigger() {
        if (!executor.isShutdown() && pending.compareAndSet(false, true)) {
            try {
                executor.execute(this::run);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // closed meanwhile: no pass is owed to a stopped reconciler
            }
        }
    }

    private void run() {
        pending.set(false);
        if (!ready.getAsBoolean()) {
            return;
        }
        try {
            reconcileOnce();
            failures = 0;
            noAuthorizerReported = false;
        } catch (RuntimeException e) {
            if (e.getCause() instanceof SecurityDisabledException) {
                noAuthorizer(e);
                return;
            }
            failures++;
            long backoff = Math.min(MAX_BACKOFF.toMillis(), FIRST_BACKOFF.toMillis() << Math.min(failures - 1, 16));
            LOG.warn("access reconciliation failed ({} in a row); retrying in {} ms", failures, backoff, e);
            try {
                log.write(AccessAudit.failed(ACTOR, "reconciliation failed (" + failures + " in a row), retrying in " + backoff
                        + " ms: " + e.getMessage(), clock.instant()));
            } catch (RuntimeException auditFailed) {
                LOG.warn("cannot audit the failure either: {}", auditFailed.getMessage());
            }
            executor.schedule(this::trigger, backoff, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * A cluster without an authorizer enforces no ACL: the grants are still recorded and audited, but
     * there is nothing to provision. Said once (log and audit), then checked again at the interval
     * rather than retried with backoff, since no retry can succeed until the broker is configured.
     */
    private void noAuthorizer(RuntimeException e) {
        if (!noAuthorizerReported) {
            noAuthorizerReported = true;
            LOG.warn("the cluster has no authorizer ({}): grants are recorded but no ACL is provisioned", e.getMessage());
            log.write(AccessAudit.failed(ACTOR, "the cluster has no authorizer (" + e.getMessage() + "): grants are recorded"
                    + " but not enforced; checked again every " + interval, clock.instant()));
        }
    }

    /** One pass, on the caller's thread; throws when the cluster cannot be read or changed. */
    public synchronized Pass reconcileOnce() {
        Collection<AccessRequest> grants = requests.get();
        DesiredAcls.Plan plan = desired.plan(catalog.get(), grants);
        Set<AclBinding> actual = new HashSet<>(acls.all());
        Instant now = clock.instant();

        List<AclBinding> missing = plan.desired().keySet().stream().filter(binding -> !actual.contains(binding)).toList();
        List<AclBinding> retired = actual.stream().filter(plan.retired()::containsKey).toList();
        List<AclBinding> stray = actual.stream().filter(plan::isManaged)
                .filter(binding -> !plan.desired().containsKey(binding) && !plan.retired().containsKey(binding)).toList();

        List<AclBinding> created = new ArrayList<>();
        List<AclBinding> restored = new ArrayList<>();
        if (!missing.isEmpty()) {
            acls.create(missing);
            for (AclBinding binding : missing) {
                boolean wasThere = confirmed.contains(binding);
                (wasThere ? restored : created).add(binding);
                DesiredAcls.Because because = plan.desired().get(binding);
                log.write(AccessAudit.acl(wasThere ? AccessAuditKind.ACL_RESTORED : AccessAuditKind.ACL_CREATED, AccessOutcome.DONE,
                        ACTOR, binding, because.requestId(), because.productId(),
                        (wasThere ? "restored: it was deleted outside Meshwarden; " : "") + because.why(), now));
            }
        }
        delete(retired);
        for (AclBinding binding : retired) {
            DesiredAcls.Because because = plan.retired().get(binding);
            log.write(AccessAudit.acl(AccessAuditKind.ACL_DELETED, AccessOutcome.DONE, ACTOR, binding, because.requestId(),
                    because.productId(), because.why(), now));
        }
        List<AclBinding> reported = new ArrayList<>();
        List<AclBinding> removed = new ArrayList<>();
        if (enforce) {
            delete(stray);
            for (AclBinding binding : stray) {
                removed.add(binding);
                log.write(AccessAudit.acl(AccessAuditKind.DRIFT_REMOVED, AccessOutcome.DONE, ACTOR, binding, null, null,
                        "no grant or baseline explains it on a managed resource; removed (meshwarden.access.enforce=true)", now));
            }
        } else {
            for (AclBinding binding : stray) {
                if (reportedDrift.add(binding)) {
                    reported.add(binding);
                    log.write(AccessAudit.acl(AccessAuditKind.DRIFT_DETECTED, AccessOutcome.DONE, ACTOR, binding, null, null,
                            "no grant or baseline explains it on a managed resource; left in place "
                                    + "(meshwarden.access.enforce=false)", now));
                }
            }
        }
        reportedDrift.retainAll(stray);
        confirmed = new HashSet<>(plan.desired().keySet());
        return new Pass(created, restored, retired, reported, removed, reportProvisioned(grants, now));
    }

    /** APPROVED grants whose ACLs are now all in place, reported once each on the command topic. */
    private List<String> reportProvisioned(Collection<AccessRequest> grants, Instant now) {
        List<String> reported = new ArrayList<>();
        for (AccessRequest grant : grants) {
            if (grant.getState() == AccessState.APPROVED && !reportedProvisioned.contains(grant.getRequestId())) {
                log.command(AccessCommand.newBuilder().setCommandId(UUID.randomUUID().toString())
                        .setRequestId(grant.getRequestId()).setAction(AccessAction.MARK_PROVISIONED).setActor(ACTOR)
                        .setReason("READ on " + grant.getTopics() + " and consumer groups " + GrantAcls.groupPrefix(grant.getPrincipal())
                                + "* in place for " + grant.getPrincipal())
                        .setIssuedAt(now).build());
                reportedProvisioned.add(grant.getRequestId());
                reported.add(grant.getRequestId());
            }
        }
        return reported;
    }

    private void delete(List<AclBinding> bindings) {
        if (!bindings.isEmpty()) {
            acls.delete(bindings);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
