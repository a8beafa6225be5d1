package io.meshwarden.sla;

import io.meshwarden.schemas.AvroTrust;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The SLA monitor embedded in another JVM, such as the all-in-one local runner:
 * <pre>{@code
 * try (SlaMonitor sla = SlaMonitor.start(Map.of(
 *         "micronaut.server.port", "-1",
 *         "meshwarden.bootstrap.servers", broker.bootstrapServers(),
 *         "meshwarden.state.dir", stateDir.toString()))) {
 *     ... sla.url() + "/api/violations" ...
 * }
 * }</pre>
 * Properties are Micronaut ones ({@code micronaut.server.port}, 8080 by default, -1 for a free one) and
 * Meshwarden ones ({@code meshwarden.*}, {@code kafka.*}); they win over every other source.
 * {@code start} returns once Kafka Streams has been started (not necessarily RUNNING yet: see
 * {@code /health}) and the HTTP server listens. {@link #close()} stops the server and the context,
 * which closes Kafka Streams.
 */
public final class SlaMonitor implements AutoCloseable {
    private final ApplicationContext context;
    private final EmbeddedServer server;

    private SlaMonitor(ApplicationContext context, EmbeddedServer server) {
        this.context = context;
        this.server = server;
    }

    public static SlaMonitor start(Map<String, String> properties) {
        AvroTrust.ensure();
        ApplicationContext context = ApplicationContext.builder()
                .mainClass(SlaMonitor.class)
                .propertySources(SlaMonitorDefaults.propertySource())
                .properties(new LinkedHashMap<>(properties))
                .build();
        try {
            context.start();
            EmbeddedServer server = context.getBean(EmbeddedServer.class);
            server.start();
            return new SlaMonitor(context, server);
        } catch (RuntimeException | Error e) {
            context.close();
            throw e;
        }
    }

    /** The base URL of the HTTP API, e.g. {@code http://localhost:8080}. */
    public String url() {
        return server.getURL().toString();
    }

    public int port() {
        return server.getPort();
    }

    /** The running context, for in-process callers that want a bean (e.g. the Kafka Streams state). */
    public ApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } finally {
            if (context.isRunning()) {
                context.close();
            }
        }
    }
}
