package io.meshwarden.sla;

import io.micronaut.context.env.PropertySource;
import java.util.List;
import java.util.Map;

/**
 * The service's Micronaut defaults, in code as well as in application.yml: when the SLA monitor runs
 * inside another application (the all-in-one local runner), Micronaut reads only the first
 * application.yml on the classpath, which may not be ours. These sit below every other source, so
 * application.yml, {@code MICRONAUT_*} variables, system properties and explicit properties override them.
 */
final class SlaMonitorDefaults {
    static final String NAME = "sla-monitor-defaults";
    /** Switches the service's beans on (see package-info); only the entry points set it. */
    static final String ENABLED = "sla-monitor.enabled";
    static final int DEFAULT_PORT = 8080;
    /** uPlot's files in its webjar ({@code org.webjars.npm:uplot}); also in application.yml. */
    static final String UPLOT_RESOURCES = "classpath:META-INF/resources/webjars/uplot/1.6.30/dist";
    /** Below application.yml (-300), environment variables (-200) and system properties (-100). */
    private static final int POSITION = -400;

    private SlaMonitorDefaults() {
    }

    static PropertySource propertySource() {
        return PropertySource.of(NAME, Map.ofEntries(
                Map.entry(ENABLED, true),
                Map.entry("micronaut.application.name", "sla-monitor"),
                Map.entry("micronaut.server.port", DEFAULT_PORT),
                // A request body over this is refused with 413 naming the limit (docs/security.md).
                Map.entry("micronaut.server.max-request-size", "1MB"),
                // The Kafka Streams state is the point of the health check; show it to everyone.
                Map.entry("endpoints.health.details-visible", "ANONYMOUS"),
                // No service discovery here; its indicator would only add noise.
                Map.entry("endpoints.health.discovery-client.enabled", false),
                // The dashboard page and the generated OpenAPI document, both static.
                Map.entry("micronaut.router.static-resources.dashboard.paths", "classpath:dashboard"),
                Map.entry("micronaut.router.static-resources.dashboard.mapping", "/dashboard/**"),
                // uPlot, the dashboard's charts, from its webjar (the version of the parent POM's uplot.version).
                Map.entry("micronaut.router.static-resources.uplot.paths", UPLOT_RESOURCES),
                Map.entry("micronaut.router.static-resources.uplot.mapping", "/dashboard/vendor/uplot/**"),
                Map.entry("micronaut.router.static-resources.swagger.paths", "classpath:META-INF/swagger"),
                Map.entry("micronaut.router.static-resources.swagger.mapping", "/swagger/**"),
                // GET /prometheus, unauthenticated like /health: scraped by Prometheus.
                Map.entry("micronaut.metrics.enabled", true),
                Map.entry("micronaut.metrics.export.prometheus.enabled", true),
                Map.entry("micronaut.metrics.export.prometheus.descriptions", true),
                Map.entry("endpoints.prometheus.sensitive", false),
                // Micronaut Security (docs/security.md): bearer tokens from POST /login, basic auth, JSON errors.
                // Whether it is on is meshwarden.security.enabled (io.meshwarden.sla.security.SecuritySettings).
                Map.entry("micronaut.security.authentication", "bearer"),
                Map.entry("micronaut.security.endpoints.login.enabled", true),
                Map.entry("micronaut.security.token.jwt.generator.access-token.expiration", 3600),
                // The dashboard's files and the OpenAPI document hold no data: open, so the login form can load.
                Map.entry("micronaut.security.intercept-url-map", List.of(
                        Map.of("pattern", "/dashboard/**", "http-method", "GET", "access", List.of("isAnonymous()")),
                        Map.of("pattern", "/swagger/**", "http-method", "GET", "access", List.of("isAnonymous()"))))),
                POSITION);
    }
}
