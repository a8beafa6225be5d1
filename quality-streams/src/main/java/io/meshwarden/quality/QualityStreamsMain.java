package io.meshwarden.quality;

import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs quality-streams on its own: {@code java -jar quality-streams.jar [--bootstrap-servers HOST:PORT]
 * [--config FILE]}. Everything else comes from the layered configuration; SIGTERM stops it cleanly.
 */
public final class QualityStreamsMain {
    private QualityStreamsMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.setProperty("org.apache.avro.SERIALIZABLE_PACKAGES",
                System.getProperty("org.apache.avro.SERIALIZABLE_PACKAGES", "io.meshwarden.avro"));
        MeshwardenConfig config;
        try {
            config = MeshwardenConfig.load(parse(args));
        } catch (IllegalArgumentException e) {
            System.err.println("quality-streams: " + e.getMessage());
            System.err.println("usage: quality-streams [--bootstrap-servers HOST:PORT] [--config FILE]");
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        QualityStreams app = QualityStreams.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "quality-streams-shutdown"));
        System.out.printf("quality-streams running against %s; reads %s, writes %s%n", config.bootstrapServers(),
                config.topics().prefix() + "products.changes", config.topics().prefix() + "{governance.decisions, "
                        + "governance.violations, products.catalog, deadletter}");
        stopped.await();
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> overrides = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--bootstrap-servers" -> overrides.put(Settings.BOOTSTRAP_SERVERS.key(), value);
                case "--config" -> overrides.put("meshwarden.config.file", value);
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        return overrides;
    }
}
