package io.meshwarden.access;

import io.meshwarden.access.reconcile.AclReconciler;
import io.meshwarden.access.reconcile.AclStore;
import io.meshwarden.access.reconcile.AuditLog;
import io.meshwarden.access.reconcile.BaselineAcls;
import io.meshwarden.access.reconcile.DesiredAcls;
import io.meshwarden.access.reconcile.KafkaAuditLog;
import io.meshwarden.avro.AccessRequest;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.schemas.Topic;
import io.meshwarden.schemas.TopicSpec;
import io.meshwarden.schemas.Topics;
import io.meshwarden.streams.CompactedView;
import io.meshwarden.streams.StreamsApp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The running access service, embeddable (the local runner starts it in-process): the
 * {@link AccessTopology} in a {@link StreamsApp} (the request workflow and the audit of policy approvals),
 * which first creates its topics if missing, and the
 * {@link AclReconciler} fed by views of {@code access.requests} and {@code products.catalog}.
 * Settings: {@link Settings#ACCESS_ENFORCE}, {@link Settings#ACCESS_RECONCILE_INTERVAL_MS},
 * {@link Settings#ACCESS_EXPIRY_INTERVAL_MS}. The baseline ACLs come from the caller.
 */
public final class AccessService implements AutoCloseable {
    public static final List<TopicSpec<?, ?>> TOPICS = Stream.concat(AccessTopology.INPUTS.stream(),
            AccessTopology.OUTPUTS.stream()).distinct().toList();

    private final StreamsApp app;
    private final CompactedView<DataProductContract> catalog;
    private final CompactedView<AccessRequest> requests;
    private final AuditLog log;
    private final Admin admin;
    private final AclReconciler reconciler;

    private AccessService(MeshwardenConfig config, BaselineAcls baseline) {
        Duration expiry = Duration.ofMillis(config.getLong(Settings.ACCESS_EXPIRY_INTERVAL_MS));
        List<Topic<?, ?>> topics = TOPICS.stream().<Topic<?, ?>>map(spec -> config.topics().topic(spec)).toList();
        this.app = StreamsApp.create(config, AccessTopology.APPLICATION_SUFFIX, topics,
                properties -> AccessTopology.build(config.topics(), expiry, properties));
        this.log = new KafkaAuditLog(config);
        this.admin = Admin.create(config.adminProperties());
        // The views start after the reconciler exists (start()), so a change always has one to trigger.
        Runnable changed = this::changed;
        this.catalog = new CompactedView<>(config, config.topics().topic(Topics.CATALOG), "access-catalog-view", changed);
        this.requests = new CompactedView<>(config, config.topics().topic(Topics.ACCESS_REQUESTS), "access-requests-view", changed);
        this.reconciler = new AclReconciler(AclStore.kafka(admin, Duration.ofSeconds(15)), catalog::values, requests::values,
                () -> catalog.caughtUp() && requests.caughtUp(), new DesiredAcls(baseline), log,
                Boolean.parseBoolean(config.get(Settings.ACCESS_ENFORCE)),
                Duration.ofMillis(config.getLong(Settings.ACCESS_RECONCILE_INTERVAL_MS)), Clock.systemUTC());
    }

    /** Starts the topology, the views and the reconciler. */
    public static AccessService start(MeshwardenConfig config, BaselineAcls baseline) {
        AccessService service = new AccessService(config, baseline);
        service.app.start();
        service.catalog.start();
        service.requests.start();
        service.reconciler.start();
        return service;
    }

    public KafkaStreams.State state() {
        return app.state();
    }

    public void addStateListener(KafkaStreams.StateListener listener) {
        app.addStateListener(listener);
    }

    /** The reconciler, e.g. to run a pass now. */
    public AclReconciler reconciler() {
        return reconciler;
    }

    /** The grants and requests as the reconciler sees them (the {@code access.requests} topic). */
    public List<AccessRequest> requests() {
        return List.copyOf(requests.values());
    }

    private void changed() {
        reconciler.trigger();
    }

    @Override
    public void close() {
        catalog.close();
        requests.close();
        reconciler.close();
        app.close();
        log.close();
        admin.close(Duration.ofSeconds(5));
    }
}
