package io.meshwarden.sla;

import io.meshwarden.schemas.AvroTrust;
import io.micronaut.runtime.Micronaut;

/**
 * Runs the SLA monitor as its own process: {@code java -jar sla-monitor-0.1.0-SNAPSHOT.jar}.
 * Micronaut stops the application context on SIGTERM, which closes Kafka Streams.
 *
 * <p>Its command line is Micronaut's, not picocli's: every {@code --key=value} argument is a property
 * of Micronaut's command-line source, so {@code --meshwarden.topic.prefix=x} sets that setting,
 * {@code --meshwarden.config.file=FILE} names the config file (the {@code --config FILE} of the other
 * runnables) and {@code --micronaut.server.port=8081} the port. A Micronaut service keeps Micronaut's
 * convention because Micronaut reads these arguments itself, as it reads application.yml and its
 * variables; a second parser in front would have to know and pass on every Micronaut property.
 * {@link io.meshwarden.sla.config.MeshwardenConfigFactory} makes the {@code meshwarden.*} ones the top
 * layer of the configuration, over the config file and the environment, as the options of the others are.
 */
public final class SlaMonitorApplication {
    private SlaMonitorApplication() {
    }

    public static void main(String[] args) {
        AvroTrust.ensure();
        micronaut(args).start();
    }

    /** The application as {@link #main} starts it, with these command-line arguments. */
    static Micronaut micronaut(String... args) {
        return Micronaut.build(args)
                .mainClass(SlaMonitorApplication.class)
                .propertySources(SlaMonitorDefaults.propertySource())
                .banner(false);
    }
}
