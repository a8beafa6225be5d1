package io.meshwarden.sla.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.sla.budget.SlaStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * A domain's summary merged from the instances' summaries of their own products is the summary of all
 * its products, however the products are spread over the instances.
 */
class DomainSummaryPropertiesTest {

    @Property
    void mergingTheInstancesSummariesEqualsSummarisingEveryProduct(
            @ForAll("products") List<ProductSummary> products,
            @ForAll @Size(min = 30, max = 30) List<@IntRange(min = 0, max = 2) Integer> instanceOf) {
        List<List<ProductSummary>> byInstance = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < products.size(); i++) {
            byInstance.get(instanceOf.get(i)).add(products.get(i));
        }
        List<DomainSummary> parts = byInstance.stream().filter(part -> !part.isEmpty())
                .map(part -> DomainSummary.of("paid-media", part)).toList();

        assertThat(DomainSummary.merge("paid-media", parts)).isEqualTo(DomainSummary.of("paid-media", products));
    }

    @Provide
    Arbitrary<List<ProductSummary>> products() {
        Arbitrary<String> health = Arbitraries.of("OK", "WARNING", "CRITICAL");
        Arbitrary<Integer> open = Arbitraries.integers().between(0, 5);
        Arbitrary<Double> availability = Arbitraries.doubles().between(0, 1).ofScale(4);
        Arbitrary<Double> budget = Arbitraries.doubles().between(-1, 1).ofScale(4).injectNull(0.3);
        Arbitrary<Integer> id = Arbitraries.integers().between(0, 1_000_000);
        return Combinators.combine(id, health, open, availability, budget).as((n, h, alerts, a30, left) -> new ProductSummary(
                String.format(Locale.ROOT, "paid-media.p%07d", n), "paid-media", "p" + n, "1.0.0", "ACTIVE", "team", null,
                "INTERNAL", List.of(), null, null, h, alerts,
                new SlaStatus(false, 1, 1, a30, left == null ? null : 99.9, left, null, null, null, null)))
                .list().ofMinSize(1).ofMaxSize(30).uniqueElements(ProductSummary::id);
    }
}
