package io.meshwarden.sla.metrics;

import io.meshwarden.avro.Alert;
import io.meshwarden.sla.alerts.AlertLifecycle;
import io.meshwarden.sla.api.ProductSummaries;
import io.meshwarden.sla.api.ProductSummary;
import io.meshwarden.sla.api.SlaReader;
import io.meshwarden.sla.cluster.LocalStores;
import io.meshwarden.sla.streams.SlaStreams;
import io.meshwarden.sla.timeliness.TimeObjective;
import io.meshwarden.streams.StoreUnavailableException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micronaut.context.annotation.Context;
import io.micronaut.scheduling.annotation.Scheduled;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The service's Prometheus metrics ({@code GET /prometheus}): the Kafka Streams client metrics, and,
 * refreshed from the state stores every few seconds, open alerts by severity and domain
 * ({@code meshwarden_sla_alerts_open}), remaining 30-day error budget per product
 * ({@code meshwarden_sla_budget_remaining}) and availability per product and window
 * ({@code meshwarden_sla_availability}), and the measured p99 of the time to detect and to notify per
 * product ({@code meshwarden_sla_timeliness_p99_ms}, tag {@code measure} detect or notify). While the stores cannot be queried the gauges keep their
 * last values. Each instance reports the products of its own active partitions only, so that
 * Prometheus, which scrapes every instance, counts each alert once (sum the series across instances).
 */
@Context
public class SlaMetrics {
    private final SlaReader reader;
    private final ProductSummaries products;
    private final MultiGauge openAlerts;
    private final MultiGauge budgets;
    private final MultiGauge availability;
    private final MultiGauge timeliness;

    public SlaMetrics(MeterRegistry registry, SlaStreams streams, LocalStores stores) {
        this.reader = new SlaReader(stores.active());
        this.products = new ProductSummaries(reader);
        streams.bindMetrics(registry);
        this.openAlerts = MultiGauge.builder("meshwarden.sla.alerts.open")
                .description("Active (not resolved) alerts by severity and domain").register(registry);
        this.budgets = MultiGauge.builder("meshwarden.sla.budget.remaining")
                .description("Share of the 30-day error budget left; negative when overspent").register(registry);
        this.availability = MultiGauge.builder("meshwarden.sla.availability")
                .description("Share of the window the product met its freshness guarantee").register(registry);
        this.timeliness = MultiGauge.builder("meshwarden.sla.timeliness.p99").baseUnit("ms")
                .description("Rolling p99 of the time from a missed deadline to its breach (detect) and from a breach to its alert (notify)")
                .register(registry);
    }

    @Scheduled(fixedDelay = "5s", initialDelay = "1s")
    void refresh() {
        try {
            Map<Tags, Long> open = reader.alerts().stream().filter(AlertLifecycle::active)
                    .collect(Collectors.groupingBy(SlaMetrics::tags, Collectors.counting()));
            openAlerts.register(open.entrySet().stream()
                    .map(entry -> MultiGauge.Row.of(entry.getKey(), entry.getValue())).toList(), true);
            List<ProductSummary> all = products.all();
            budgets.register(all.stream().filter(product -> product.sla().budgetRemaining() != null)
                    .map(product -> MultiGauge.Row.of(product(product), product.sla().budgetRemaining())).toList(), true);
            List<MultiGauge.Row<?>> rows = new ArrayList<>();
            for (ProductSummary product : all) {
                rows.add(MultiGauge.Row.of(product(product).and("window", "1h"), product.sla().availability1h()));
                rows.add(MultiGauge.Row.of(product(product).and("window", "24h"), product.sla().availability24h()));
                rows.add(MultiGauge.Row.of(product(product).and("window", "30d"), product.sla().availability30d()));
            }
            availability.register(rows, true);
            List<MultiGauge.Row<?>> p99s = new ArrayList<>();
            for (ProductSummary product : all) {
                timelinessRow(p99s, product, "detect", product.sla().timeToDetect());
                timelinessRow(p99s, product, "notify", product.sla().timeToNotify());
            }
            timeliness.register(p99s, true);
        } catch (StoreUnavailableException e) {
            // Starting or rebalancing: keep the last values until the stores answer again.
        }
    }

    private static void timelinessRow(List<MultiGauge.Row<?>> rows, ProductSummary product, String measure,
                                      TimeObjective objective) {
        if (objective.p99Ms() != null) {
            rows.add(MultiGauge.Row.of(product(product).and("measure", measure), objective.p99Ms()));
        }
    }

    private static Tags tags(Alert alert) {
        return Tags.of("severity", alert.getSeverity().name(), "domain", alert.getDomain());
    }

    private static Tags product(ProductSummary product) {
        return Tags.of("product", product.id(), "domain", product.domain());
    }
}
