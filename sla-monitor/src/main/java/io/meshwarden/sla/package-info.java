/**
 * The SLA monitor service. Its beans (in this package and below) load only in a context where
 * {@code sla-monitor.enabled=true}, which its two entry points, {@link io.meshwarden.sla.SlaMonitorApplication}
 * and {@link io.meshwarden.sla.SlaMonitor#start}, set. So another Micronaut application on the same
 * classpath (the local runner, a publisher client) does not start a second copy of its Kafka Streams
 * application or serve its routes.
 */
@Configuration
@Requires(property = SlaMonitorDefaults.ENABLED, value = "true")
package io.meshwarden.sla;

import io.micronaut.context.annotation.Configuration;
import io.micronaut.context.annotation.Requires;
