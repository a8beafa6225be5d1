package io.meshwarden.quality;

import io.meshwarden.config.CommandLauncher;
import io.meshwarden.config.ConfigOptions;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.quality.impact.ImpactService;
import io.meshwarden.quality.observed.ObservedService;
import io.meshwarden.quality.provisioning.ProvisioningService;
import io.meshwarden.quality.registry.RegistryDriftService;
import io.meshwarden.streams.ServiceRun;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Runs quality-streams (the governance and quality app, the impact app with its readers poller, in observed mode the
 * observed app, and with provisioning on the product topic provisioning) on its own: {@code java -jar quality-streams.jar [--bootstrap-servers HOST:PORT]
 * [--config FILE] [--topic-prefix PREFIX] [--output-format avro|json|confluent-avro]}. The options override the
 * layered configuration (defaults, config file, environment), which holds every other setting; SIGTERM
 * stops it cleanly. The environment comes in as a map, so that tests can check the precedence.
 */
@Command(name = "quality-streams", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs the governance and quality Kafka Streams application, the impact app and, in observed mode, the"
                + " observed app, until SIGTERM.")
public final class QualityStreamsMain implements Callable<Integer> {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = {"Kafka cluster (default localhost:9092).", "Setting meshwarden.bootstrap.servers."})
    private String bootstrapServers;

    @Mixin
    private ConfigOptions settings;

    private final Map<String, String> environment;

    QualityStreamsMain(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    public static void main(String[] args) {
        CommandLauncher.launch(QualityStreamsMain::new, args);
    }

    /** The configuration this command line runs with: its options over the layered configuration. */
    MeshwardenConfig config() {
        Map<String, String> overrides = new LinkedHashMap<>(settings.overrides());
        if (bootstrapServers != null) {
            overrides.put(Settings.BOOTSTRAP_SERVERS.key(), bootstrapServers);
        }
        return MeshwardenConfig.load(environment, overrides);
    }

    @Override
    public Integer call() throws InterruptedException {
        MeshwardenConfig config;
        try {
            config = config();
        } catch (IllegalArgumentException e) {
            System.err.println("quality-streams: " + e.getMessage());
            return 2;
        }
        QualityStreams app = QualityStreams.start(config);
        ImpactService impact = ImpactService.start(config);
        ObservedService observed = ObservedService.start(config);
        Optional<ProvisioningService> provisioning = ProvisioningService.start(config);
        RegistryDriftService drift = RegistryDriftService.start(config);
        ServiceRun run = ServiceRun.closingOnShutdown("quality-streams", () -> {
            drift.close();
            provisioning.ifPresent(ProvisioningService::close);
            observed.close();
            impact.close();
            app.close();
        });
        app.addStateListener(run.stopOnError());
        impact.addStateListener(run.stopOnError());
        observed.addStateListener(run.stopOnError());
        drift.addStateListener(run.stopOnError());
        System.out.printf("quality-streams running against %s; reads %s, writes %s%n", config.bootstrapServers(),
                config.topics().prefix() + "{products.changes, products.metrics, products.catalog, governance.policies, "
                        + "governance.readers}",
                config.topics().prefix() + "{governance.decisions, governance.violations, products.catalog, "
                        + "quality.snapshots, quality.anomaly-bands, governance.readers, governance.impact-reports, governance.impact, deadletter}");
        return run.awaitStop();
    }
}
