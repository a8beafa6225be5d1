package io.meshwarden.local;

import io.meshwarden.access.AccessService;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.events.DataProductPublisher;
import io.meshwarden.governance.access.BaselineAcls;
import io.meshwarden.kafka.embedded.BrokerSecurity;
import io.meshwarden.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwarden.kafka.embedded.EmbeddedKafkaCluster;
import io.meshwarden.kafka.embedded.EmbeddedKafkaConfig;
import io.meshwarden.kafka.embedded.LocalSchemaRegistry;
import io.meshwarden.lineage.LineageService;
import io.meshwarden.quality.QualityStreams;
import io.meshwarden.quality.impact.ImpactService;
import io.meshwarden.quality.observed.ObservedService;
import io.meshwarden.quality.provisioning.ProvisioningService;
import io.meshwarden.quality.registry.RegistryDriftService;
import io.meshwarden.sla.SlaMonitor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole mesh in one process: a Kafka broker (embedded, unless an existing cluster is given),
 * quality-streams (and its impact app), the SLA monitor and the demo domains, all with one configuration
 * ({@link LocalOptions#config}). Closing it stops them in reverse order of start, the broker last; a
 * failed start stops whatever had started.
 */
final class LocalMesh implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalMesh.class);
    /** The SLA monitor's demo users (docs/security.md), unless meshwarden.security.users.file names others. */
    static final String DEMO_USERS = "classpath:meshwarden/demo-users.yml";

    private final Deque<AutoCloseable> running;
    private final MeshwardenConfig config;
    private final String apiUrl;
    private final int embeddedNodes;
    private final Optional<BrokerSecurity> security;

    private LocalMesh(Deque<AutoCloseable> running, MeshwardenConfig config, String apiUrl, int embeddedNodes,
                      Optional<BrokerSecurity> security) {
        this.running = running;
        this.config = config;
        this.apiUrl = apiUrl;
        this.embeddedNodes = embeddedNodes;
        this.security = security;
    }

    static LocalMesh start(LocalOptions options) {
        Deque<AutoCloseable> started = new ArrayDeque<>();
        try {
            Path stateDir = Files.createTempDirectory("meshwarden-local-state");
            started.push(() -> deleteRecursively(stateDir));
            Optional<BrokerSecurity> security = options.secure()
                    ? Optional.of(LocalAccess.users(DemoProducts.all())) : Optional.empty();
            String bootstrap = options.bootstrapServers().orElseGet(() -> {
                if (options.brokers() > 1) {
                    EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.start(options.brokers(), options.kafkaPort(), Map.of());
                    started.push(cluster);
                    return cluster.bootstrapServers();
                }
                EmbeddedKafkaConfig brokerConfig = EmbeddedKafkaConfig.defaults().withPort(options.kafkaPort());
                EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(
                        security.map(brokerConfig::withSecurity).orElse(brokerConfig));
                started.push(broker);
                return broker.bootstrapServers();
            });

            // --output-format confluent-avro without a registry: a local one, the Confluent REST API in-process.
            Supplier<URI> localRegistry = () -> {
                LocalSchemaRegistry registry = LocalSchemaRegistry.start();
                started.push(registry);
                return registry.url();
            };
            MeshwardenConfig configured = options.config(bootstrap, localRegistry);
            MeshwardenConfig unsecured = options.demo() ? DemoSendEngagement.configure(configured) : configured;
            // Secured, every component connects as its own principal, and contract changes go to each domain's topic.
            MeshwardenConfig mesh = security.isEmpty() ? unsecured
                    : LocalAccess.withSteward(unsecured.with(Settings.CHANGES_PER_DOMAIN.key(), "true"));
            MeshwardenConfig demoConfig = as(mesh, security, LocalAccess.DEMO);
            if (security.isPresent()) {
                LocalAccess.provision(as(mesh, security, BrokerSecurity.ADMIN_USER), DemoProducts.all());
            }
            if (options.demo()) {
                DemoSendEngagement.createOutputTopic(demoConfig);
            }
            MeshwardenConfig config = mesh.with(Settings.STATE_DIR.key(), stateDir.resolve("quality").toString());
            QualityStreams quality = QualityStreams.start(as(config, security, LocalAccess.QUALITY_STREAMS));
            started.push(quality);
            // Who a breaking change, deprecation or retirement hits: lineage, consumer groups and grants (docs/impact.md).
            ImpactService impact = ImpactService.start(as(mesh, security, LocalAccess.QUALITY_STREAMS)
                    .with(Settings.STATE_DIR.key(), stateDir.resolve("impact").toString()));
            started.push(impact);
            // Observed mode in an application of its own, so that no fault of a product topic stops governance.
            ObservedService observed = ObservedService.start(as(config, security, LocalAccess.QUALITY_STREAMS)
                    .with(Settings.STATE_DIR.key(), stateDir.resolve("observed").toString()));
            started.push(observed);
            // With a schema registry configured: its subjects compared with the contracts (docs/quality.md).
            RegistryDriftService drift = RegistryDriftService.start(as(config, security, LocalAccess.QUALITY_STREAMS)
                    .with(Settings.STATE_DIR.key(), stateDir.resolve("registry-drift").toString()));
            started.push(drift);
            // OpenLineage out: a DatasetEvent per accepted contract, a RunEvent per snapshot (docs/lineage.md).
            LineageService lineage = LineageService.start(as(mesh, security, LocalAccess.QUALITY_STREAMS)
                    .with(Settings.STATE_DIR.key(), stateDir.resolve("lineage").toString()));
            started.push(lineage);
            // The output topics of accepted contracts, created and kept as their contracts say (docs/operations.md).
            ProvisioningService.start(as(config, security, LocalAccess.QUALITY_STREAMS)).ifPresent(started::push);
            // Access requests, the ACL reconciler (baseline from the catalog plus live grants) and the audit topic.
            AccessService access = AccessService.start(as(mesh, security, LocalAccess.ACCESS_SERVICE)
                    .with(Settings.STATE_DIR.key(), stateDir.resolve("access").toString()),
                    BaselineAcls.of(mesh)::desired);
            started.push(access);

            // The resolved values, so that the monitor runs with exactly the quality app's configuration.
            Map<String, String> slaProperties = new LinkedHashMap<>(as(mesh, security, LocalAccess.SLA_MONITOR).asMap());
            slaProperties.put(Settings.STATE_DIR.key(), stateDir.resolve("sla").toString());
            if (mesh.get(Settings.SECURITY_USERS_FILE).isBlank()) {
                // The demo logins (README): every password "demo"; a users file of one's own replaces them.
                slaProperties.put(Settings.SECURITY_USERS_FILE.key(), DEMO_USERS);
            }
            slaProperties.put("micronaut.server.port", Integer.toString(options.httpPort() == 0 ? -1 : options.httpPort()));
            SlaMonitor slaMonitor = SlaMonitor.start(slaProperties);
            started.push(slaMonitor);

            if (options.demo()) {
                MeshwardenConfig demoRun = as(config, security, LocalAccess.DEMO);
                DemoDomains demo = new DemoDomains(DataProductPublisher.create(demoRun, "meshwarden-demo"), demoRun);
                started.push(demo);
                demo.start(options.metricInterval(), quality::policySetsInForce);
            }
            return new LocalMesh(started, config, slaMonitor.url(),
                    options.bootstrapServers().isEmpty() ? options.brokers() : 0, security);
        } catch (IOException e) {
            closeAll(started);
            throw new UncheckedIOException("cannot create a state directory", e);
        } catch (RuntimeException e) {
            closeAll(started);
            throw e;
        }
    }

    MeshwardenConfig config() {
        return config;
    }

    /** The users of the secured broker; empty when the mesh is not secured. */
    Optional<BrokerSecurity> security() {
        return security;
    }

    private static MeshwardenConfig as(MeshwardenConfig config, Optional<BrokerSecurity> security, String user) {
        return security.map(users -> LocalAccess.as(config, users, user)).orElse(config);
    }

    String apiUrl() {
        return apiUrl;
    }

    boolean embeddedBroker() {
        return embeddedNodes > 0;
    }

    /** How many embedded KRaft nodes run (none with an external cluster). */
    int embeddedNodes() {
        return embeddedNodes;
    }

    @Override
    public void close() {
        closeAll(running);
    }

    private static void closeAll(Deque<AutoCloseable> started) {
        while (!started.isEmpty()) {
            AutoCloseable component = started.pop();
            try {
                component.close();
            } catch (Exception e) {
                LOG.warn("could not stop {} cleanly: {}", component.getClass().getSimpleName(), e.toString());
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
