package io.meshwarden.quality.rolling;

import static io.meshwarden.quality.TopologyHarness.START;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.avro.MetricEvent;
import io.meshwarden.avro.QualitySnapshot;
import io.meshwarden.avro.Violation;
import io.meshwarden.quality.TopologyHarness;
import io.meshwarden.schemas.DeadLetter;
import io.meshwarden.schemas.Topics;
import io.meshwarden.schemas.violation.ViolationRule;
import io.meshwarden.streams.testing.TopologyFixture;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of the rolling quality topology over generated metric sequences from three products on
 * one partition, in any order, with event times from an hour before the wall clock to beyond the
 * allowed skew (some in 2099) and counts that may be negative or exceed what was loaded:
 * no product's snapshots, violations or dead letters depend on another product's events;
 * completeness and field completeness stay in [0, 1]; and a refused metric changes no state, so a
 * sequence judges the same with or without its refused metrics.
 */
class ProductIndependencePropertiesTest {
    private static final List<String> PRODUCTS = List.of("email.send-engagement", "social.post-reach", "paid-media.spend");
    private static final long SKEW_MS = QualityOptions.defaults().maxClockSkewMs();
    private static final Instant FAR_FUTURE = Instant.parse("2099-01-01T00:00:00Z");

    /** One generated metric: its product, event time and counts. */
    record Sent(int product, Instant eventTime, long loaded, long expected, long nulls) {
        String productId() {
            return PRODUCTS.get(product);
        }

        boolean refused() {
            return eventTime.toEpochMilli() > START.toEpochMilli() + SKEW_MS || loaded < 0 || expected < 0 || nulls < 0
                    || nulls > loaded;
        }
    }

    /** What one run of the topology said, per product, in order. */
    record Verdicts(List<QualitySnapshot> snapshots, List<Violation> violations, List<String> deadLetters) {
        Verdicts of(String productId) {
            return new Verdicts(snapshots.stream().filter(s -> s.getProductId().equals(productId)).toList(),
                    violations.stream().filter(v -> v.getProductId().equals(productId)).toList(),
                    deadLetters.stream().filter(d -> d.startsWith(productId + " ")).toList());
        }

        Verdicts withoutRefusals() {
            return new Verdicts(snapshots, violations.stream()
                    .filter(v -> !v.getRuleId().equals(ViolationRule.FUTURE_EVENT_TIME.ruleId())).toList(), List.of());
        }
    }

    @Property(tries = 8)
    void noProductsVerdictsDependOnAnotherProductsEvents(@ForAll("sequences") List<Sent> sequence) {
        Verdicts together = run(sequence);
        for (int product = 0; product < PRODUCTS.size(); product++) {
            int only = product;
            Verdicts alone = run(sequence.stream().filter(sent -> sent.product() == only).toList());
            assertThat(together.of(PRODUCTS.get(product))).as(PRODUCTS.get(product)).isEqualTo(alone.of(PRODUCTS.get(product)));
        }
    }

    @Property(tries = 12)
    void completenessStaysWithinZeroAndOne(@ForAll("sequences") List<Sent> sequence) {
        for (QualitySnapshot snapshot : run(sequence).snapshots()) {
            if (snapshot.getCompleteness() != null) {
                assertThat(snapshot.getCompleteness()).isBetween(0.0, 1.0);
            }
            assertThat(snapshot.getRequiredFieldCompleteness().values()).allSatisfy(ratio -> assertThat(ratio).isBetween(0.0, 1.0));
        }
    }

    @Property(tries = 8)
    void aRefusedMetricChangesNoState(@ForAll("sequences") List<Sent> sequence) {
        Verdicts all = run(sequence).withoutRefusals();
        Verdicts accepted = run(sequence.stream().filter(Predicate.not(Sent::refused)).toList()).withoutRefusals();

        assertThat(all.snapshots()).isEqualTo(accepted.snapshots());
        assertThat(all.violations()).isEqualTo(accepted.violations());
    }

    @Provide
    Arbitrary<List<Sent>> sequences() {
        Arbitrary<Instant> eventTimes = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(12, Arbitraries.longs().between(-3_600, 600).map(START::plusSeconds)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(FAR_FUTURE)));
        Arbitrary<Long> counts = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(12, Arbitraries.longs().between(0, 200)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(-1_000_000_000L, -1)));
        return Combinators.combine(Arbitraries.integers().between(0, PRODUCTS.size() - 1), eventTimes, counts, counts,
                        Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(10, Arbitraries.longs().between(0, 20)),
                                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(-5, 300))))
                .as(Sent::new).list().ofMinSize(1).ofMaxSize(40);
    }

    private static Verdicts run(List<Sent> sequence) {
        try (TopologyFixture harness = TopologyHarness.start()) {
            for (String product : PRODUCTS) {
                harness.input(Topics.CATALOG).pipeInput(product, QualityFixtures.contract(product, 3_600_000, 99.5, 300_000), START);
            }
            var metrics = harness.<MetricEvent>input(Topics.METRICS);
            for (Sent sent : sequence) {
                MetricEvent metric = QualityFixtures.metric(sent.productId(), sent.loaded(), sent.expected(), sent.eventTime(),
                        Map.of("clicks", sent.nulls()));
                metrics.pipeInput(sent.productId(), metric, sent.eventTime());
            }
            List<String> deadLetters = new ArrayList<>();
            harness.deadLetters().readRecordsToList().forEach(dead -> deadLetters.add(
                    new String(dead.key(), StandardCharsets.UTF_8) + " " + DeadLetter.header(dead.headers(), DeadLetter.REASON_HEADER)));
            return new Verdicts(harness.output(Topics.SNAPSHOTS).readValuesToList(),
                    harness.output(Topics.VIOLATIONS).readValuesToList(), deadLetters);
        }
    }
}
