package io.meshwarden.sla;

import io.micronaut.runtime.Micronaut;

/**
 * Runs the SLA monitor as its own process: {@code java -jar sla-monitor-0.1.0-SNAPSHOT.jar}.
 * Micronaut stops the application context on SIGTERM, which closes Kafka Streams.
 */
public final class SlaMonitorApplication {
    private SlaMonitorApplication() {
    }

    public static void main(String[] args) {
        AvroTrust.ensure();
        Micronaut.build(args)
                .mainClass(SlaMonitorApplication.class)
                .propertySources(SlaMonitorDefaults.propertySource())
                .banner(false)
                .start();
    }
}
