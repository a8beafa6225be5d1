package io.meshwarden.sla.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The shipped Grafana dashboard and its provisioning parse, every panel queries the provisioned Prometheus
 * datasource, and its metric names are read out of PromQL correctly. That the service exports each of
 * them is checked against a real scrape: {@code SlaApiIT.theGrafanaDashboardQueriesOnlyMetricsTheServiceExports}.
 */
class GrafanaDashboardTest {

    @Test
    void everyPanelQueriesTheProvisionedPrometheusWithAnExpression() throws IOException {
        GrafanaDashboard dashboard = GrafanaDashboard.read(GrafanaDashboard.FILE);
        assertThat(dashboard.root().path("uid").asText()).isEqualTo("meshwarden");
        assertThat(dashboard.root().path("panels")).isNotEmpty().allSatisfy(panel -> {
            assertThat(panel.path("title").asText()).isNotBlank();
            assertThat(panel.path("datasource").path("uid").asText()).as(panel.path("title").asText()).isEqualTo("prometheus");
            assertThat(panel.path("targets")).isNotEmpty().allSatisfy((JsonNode target) ->
                    assertThat(target.path("expr").asText()).isNotBlank());
        });
        assertThat(dashboard.metricNames()).contains("meshwarden_sla_alerts_open", "meshwarden_sla_budget_remaining",
                "kafka_stream_thread_process_rate");

        Path provisioning = GrafanaDashboard.FILE.getParent().getParent().resolve("provisioning");
        assertThat(Files.readString(provisioning.resolve("datasources/prometheus.yaml"))).contains("uid: prometheus");
        assertThat(Files.readString(provisioning.resolve("dashboards/meshwarden.yaml")))
                .contains("path: /var/lib/grafana/dashboards/meshwarden");
    }

    @Test
    void readsTheMetricNamesOutOfPromQl() {
        assertThat(GrafanaDashboard.metricNames("sum by (domain, severity) (meshwarden_sla_alerts_open{severity=\"BLOCKING\"})"))
                .containsExactly("meshwarden_sla_alerts_open");
        assertThat(GrafanaDashboard.metricNames("rate(a_total{x=~\"y|z\"}[5m]) / on(job) group_left b_seconds > bool 0.5"))
                .containsExactly("a_total", "b_seconds");
        assertThat(GrafanaDashboard.metricNames("histogram_quantile(0.99, sum by (le) (rate(c_bucket[1m])))"))
                .containsExactly("c_bucket");
    }

    @Test
    void readsTheExportedNamesOfAnExposition() {
        assertThat(GrafanaDashboard.exported("# HELP x_total X\n# TYPE x_total counter\nx_total 1\n# TYPE y gauge\ny{a=\"b\"} 2\n"))
                .containsExactly("x_total", "y");
    }
}
