package io.meshwarden.lineage;

import io.meshwarden.config.CommandLauncher;
import io.meshwarden.config.ConfigOptions;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.schemas.TopicSpec;
import io.meshwarden.streams.ServiceRun;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Runs the lineage app on its own: {@code java -jar lineage.jar [--bootstrap-servers HOST:PORT]
 * [--http-url URL] [--config FILE] [--topic-prefix PREFIX]}. The options override the layered
 * configuration, which holds every other setting; SIGTERM stops it cleanly; it exits 1 when Kafka
 * Streams gives up after repeated thread failures.
 */
@Command(name = "lineage", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Emits accepted contracts and quality snapshots as OpenLineage events until SIGTERM.")
public final class LineageServiceMain implements Callable<Integer> {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = {"Kafka cluster (default localhost:9092).", "Setting meshwarden.bootstrap.servers."})
    private String bootstrapServers;

    @Option(names = "--http-url", paramLabel = "URL", description = {"OpenLineage endpoint to POST every event to,",
            "e.g. http://localhost:5000/api/v1/lineage. Setting meshwarden.lineage.http.url, default off."})
    private String httpUrl;

    @Mixin
    private ConfigOptions settings;

    private final Map<String, String> environment;

    LineageServiceMain(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    public static void main(String[] args) {
        CommandLauncher.launch(LineageServiceMain::new, args);
    }

    MeshwardenConfig config() {
        Map<String, String> overrides = new LinkedHashMap<>(settings.overrides());
        if (bootstrapServers != null) {
            overrides.put(Settings.BOOTSTRAP_SERVERS.key(), bootstrapServers);
        }
        if (httpUrl != null) {
            overrides.put(Settings.LINEAGE_HTTP_URL.key(), httpUrl);
        }
        return MeshwardenConfig.load(environment, overrides);
    }

    @Override
    public Integer call() throws InterruptedException {
        MeshwardenConfig config;
        LineageService service;
        try {
            config = config();
            service = LineageService.start(config);
        } catch (IllegalArgumentException e) {
            System.err.println("lineage: " + e.getMessage());
            return 2;
        }
        ServiceRun run = ServiceRun.closingOnShutdown("lineage", service::close);
        service.addStateListener(run.stopOnError());
        String prefix = config.topics().prefix();
        System.out.printf("lineage running against %s; reads %s, writes %s; datasets in %s; HTTP delivery %s%n",
                config.bootstrapServers(), prefix + suffixes(LineageTopology.INPUTS), prefix + suffixes(LineageTopology.OUTPUTS),
                service.namespace(), service.delivery().map(delivery -> "to " + delivery.url()).orElse("off"));
        return run.awaitStop();
    }

    /** The topics' names without the prefix, as {@code {a, b}}. */
    private static String suffixes(List<TopicSpec<?, ?>> topics) {
        return topics.stream().map(TopicSpec::suffix).collect(Collectors.joining(", ", "{", "}"));
    }
}
