package io.meshwarden.access;

import io.meshwarden.config.CommandLauncher;
import io.meshwarden.config.ConfigOptions;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.governance.access.BaselineAcls;
import io.meshwarden.streams.ServiceRun;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Runs the access service on its own: {@code java -jar access.jar [--bootstrap-servers HOST:PORT]
 * [--enforce] [--config FILE] [--topic-prefix PREFIX] [--output-format avro|json|confluent-avro]}. The options
 * override the layered configuration, which holds every other setting; SIGTERM stops it cleanly; it
 * exits 1 when Kafka Streams gives up after repeated thread failures.
 */
@Command(name = "access", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs the access-request workflow and the ACL reconciler until SIGTERM.")
public final class AccessServiceMain implements Callable<Integer> {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = {"Kafka cluster (default localhost:9092).", "Setting meshwarden.bootstrap.servers."})
    private String bootstrapServers;

    @Option(names = "--enforce", description = {"Delete ACLs on managed resources that no grant explains.",
            "Setting meshwarden.access.enforce, default false."})
    private Boolean enforce;

    @Mixin
    private ConfigOptions settings;

    private final Map<String, String> environment;

    AccessServiceMain(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    public static void main(String[] args) {
        CommandLauncher.launch(AccessServiceMain::new, args);
    }

    MeshwardenConfig config() {
        Map<String, String> overrides = new LinkedHashMap<>(settings.overrides());
        if (bootstrapServers != null) {
            overrides.put(Settings.BOOTSTRAP_SERVERS.key(), bootstrapServers);
        }
        if (enforce != null) {
            overrides.put(Settings.ACCESS_ENFORCE.key(), enforce.toString());
        }
        return MeshwardenConfig.load(environment, overrides);
    }

    @Override
    public Integer call() throws InterruptedException {
        MeshwardenConfig config;
        try {
            config = config();
        } catch (IllegalArgumentException e) {
            System.err.println("access: " + e.getMessage());
            return 2;
        }
        AccessService service = AccessService.start(config, BaselineAcls.of(config)::desired);
        ServiceRun run = ServiceRun.closingOnShutdown("access", service::close);
        service.addStateListener(run.stopOnError());
        String prefix = config.topics().prefix();
        System.out.printf("access running against %s; reads %s, writes %s; reconciling ACLs every %s ms, enforce=%s%n",
                config.bootstrapServers(), prefix + "{access.commands, products.catalog, access.requests, governance.policy-approvals, governance.violations}",
                prefix + "{access.requests, access.audit, access.commands, deadletter}",
                config.get(Settings.ACCESS_RECONCILE_INTERVAL_MS), config.get(Settings.ACCESS_ENFORCE));
        return run.awaitStop();
    }
}
