package io.meshwarden.sla;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

/**
 * The OpenAPI description of the service's API, generated at compile time by micronaut-openapi
 * into {@code META-INF/swagger/sla-monitor-<version>.yml} and served at {@code /swagger/}.
 */
@OpenAPIDefinition(info = @Info(title = "sla-monitor", version = "0.1.0",
        description = "Meshwarden SLA monitor: data product catalog, SLA status and error budgets, violations,"
                + " alerts and their acknowledgement. Every read is an interactive query of the service's Kafka Streams"
                + " state stores."))
final class ApiDocumentation {
    private ApiDocumentation() {
    }
}
