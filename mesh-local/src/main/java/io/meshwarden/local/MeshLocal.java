package io.meshwarden.local;

import io.meshwarden.config.CommandLauncher;
import io.meshwarden.config.ConfigOptions;
import io.meshwarden.config.Settings;
import io.meshwarden.kafka.embedded.BrokerSecurity;
import io.meshwarden.schemas.Topic;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The {@code mesh-local} command: starts the whole mesh with the demo domains and runs until Ctrl-C or
 * SIGTERM. Its {@link ConfigOptions} have no defaults, so the config file and the environment decide
 * whatever the command line does not; the environment comes in as a map, so that tests can check that.
 */
@Command(name = "mesh-local", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs Meshwarden on one machine: a Kafka broker, quality-streams, the SLA monitor and demo marketing domains.")
final class MeshLocal implements Callable<Integer> {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = {"Use this Kafka cluster instead of starting the embedded broker.",
                    "The config file and the environment cannot choose the cluster."})
    private String bootstrapServers;

    @Option(names = "--kafka-port", paramLabel = "PORT", defaultValue = "9092", description = "Port of the embedded broker; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    private int kafkaPort;

    @Option(names = "--brokers", paramLabel = "N", defaultValue = "1",
            description = {"Embedded KRaft nodes: 3 replicates every topic three ways with two in sync (default: ${DEFAULT-VALUE}).",
                    "Client ports are --kafka-port, --kafka-port + 1, ..."})
    private int brokers;

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "8080", description = "Port of the SLA monitor's API; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    private int httpPort;

    @Mixin
    private ConfigOptions settings;

    @Option(names = "--metric-interval", paramLabel = "DURATION", defaultValue = "PT5S", description = "How often each demo product publishes metrics, ISO-8601 (default: ${DEFAULT-VALUE}).")
    private Duration metricInterval;

    @Option(names = "--no-demo", description = "Start the services without the demo domains.")
    private boolean noDemo;

    @Option(names = "--secure", description = {"Secure the embedded broker: SASL/SCRAM-SHA-512 and ACLs (StandardAuthorizer),",
            "a principal per demo domain and per service, baseline ACLs from the catalog (docs/access.md)."})
    private boolean secure;

    private final Map<String, String> environment;

    MeshLocal(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    public static void main(String[] args) {
        // The service jars each bring a logback.xml; this runner's own configuration wins.
        System.setProperty("logback.configurationFile",
                System.getProperty("logback.configurationFile", "meshwarden-local-logback.xml"));
        CommandLauncher.launch(MeshLocal::new, args);
    }

    /** What this command line asks for, in this environment. */
    LocalOptions options() {
        return new LocalOptions(Optional.ofNullable(bootstrapServers), brokers, kafkaPort, httpPort, settings.overrides(),
                environment, !noDemo, metricInterval, secure);
    }

    @Override
    public Integer call() throws InterruptedException {
        LocalMesh mesh;
        try {
            mesh = LocalMesh.start(options());
        } catch (RuntimeException e) {
            System.err.println("mesh-local could not start: " + rootMessage(e));
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("mesh-local stopping...");
            mesh.close();
            stopped.countDown();
        }, "mesh-local-shutdown"));
        printBanner(mesh);
        stopped.await();
        return 0;
    }

    private static void printBanner(LocalMesh mesh) {
        String bootstrap = mesh.config().bootstrapServers();
        StringBuilder banner = new StringBuilder("\nMeshwarden is running.\n");
        banner.append(String.format("  Kafka      %s%s%n", bootstrap, !mesh.embeddedBroker() ? ""
                : mesh.embeddedNodes() == 1 ? " (embedded KRaft broker)" : " (embedded KRaft cluster of " + mesh.embeddedNodes() + " nodes)"));
        banner.append(String.format("  Dashboard  %s/dashboard/%n", mesh.apiUrl()));
        if (mesh.config().get(Settings.SECURITY_USERS_FILE).isBlank()) {
            banner.append("  Logins     ana (operator), vera (viewer), otto (owner:paid-media), stella (steward:email), admin;"
                    + " password demo\n");
        }
        banner.append(String.format("  API        %s/api/violations%n", mesh.apiUrl()));
        banner.append(String.format("  Health     %s/health%n", mesh.apiUrl()));
        banner.append(String.format("  Output     %s%n", mesh.config().outputFormat().settingValue()));
        if (!mesh.config().get(Settings.SCHEMA_REGISTRY_URL).isBlank()) {
            banner.append(String.format("  Registry   %s%n", mesh.config().get(Settings.SCHEMA_REGISTRY_URL)));
        }
        banner.append("  Topics\n");
        for (Topic<?, ?> topic : mesh.config().topics().all()) {
            banner.append(String.format("    %-32s %s%n", topic.name(), topic.description()));
        }
        if (mesh.security().isEmpty()) {
            banner.append(String.format("  Try        kcat -b %s -C -t %s -o beginning%n", bootstrap,
                    mesh.config().topics().name(io.meshwarden.schemas.Topics.VIOLATIONS)));
        }
        mesh.security().ifPresent(users -> appendPrincipals(banner, mesh, users));
        banner.append("  Stop       Ctrl-C\n");
        System.out.println(banner);
    }

    /** The principals of a secured mesh, their passwords and a kcat line that reads as a domain. */
    private static void appendPrincipals(StringBuilder banner, LocalMesh mesh, BrokerSecurity users) {
        banner.append("  Security   SASL_PLAINTEXT, SCRAM-SHA-512, ACLs enforced (docs/access.md)\n");
        banner.append("  Principals (user / password)\n");
        users.passwords().forEach((user, password) -> banner.append(String.format("    %-20s %s%s%n", user, password,
                users.superUsers().contains(user) ? "   (super user)"
                        : user.equals(LocalAccess.STEWARD) ? "   (steward: the only user that writes the policy topics)" : "")));
        String domain = users.passwords().keySet().stream()
                .filter(user -> !users.superUsers().contains(user) && !user.equals(LocalAccess.STEWARD))
                .findFirst().orElse(BrokerSecurity.ADMIN_USER);
        banner.append(String.format("  As %s  kcat -b %s %s -C -t %s -o beginning%n", domain, mesh.config().bootstrapServers(),
                users.kcatOptions(domain), mesh.config().topics().name(io.meshwarden.schemas.Topics.VIOLATIONS)));
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? e.getMessage() : e.getMessage() + " (" + root.getMessage() + ")";
    }
}
