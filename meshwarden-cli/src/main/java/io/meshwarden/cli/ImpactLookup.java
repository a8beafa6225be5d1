package io.meshwarden.cli;

import io.meshwarden.avro.AffectedProduct;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.ImpactKind;
import io.meshwarden.avro.ImpactReport;
import io.meshwarden.avro.TopicReaders;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.events.TopicWaiter;
import io.meshwarden.schemas.Topic;
import io.meshwarden.schemas.Topics;
import io.meshwarden.schemas.impact.ImpactAnalysis;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Who a change from one contract to the next would hit, read from the cluster for {@code meshwarden diff}:
 * the catalog (downstream products and their owners) and the readers poller's topic (consumer groups and
 * read grants), both read to their end; the report is {@link ImpactAnalysis#report}'s, named
 * {@value #CHANGE_ID}. Nothing when the change is not a breaking change, a deprecation or a retirement.
 */
final class ImpactLookup {
    static final String CHANGE_ID = "diff";

    private ImpactLookup() {
    }

    /**
     * @throws org.apache.kafka.common.KafkaException when the cluster does not answer within {@code timeout}
     * @throws IllegalStateException                  when a topic could not be read to its end within {@code timeout}
     */
    static Optional<ImpactReport> of(MeshwardenConfig config, DataProductContract previous, DataProductContract next,
                                     Duration timeout) {
        Optional<ImpactKind> kind = ImpactAnalysis.kind(previous, next);
        if (kind.isEmpty()) {
            return Optional.empty();
        }
        MeshwardenConfig bounded = config.with(MeshwardenConfig.KAFKA_NAMESPACE + "default.api.timeout.ms",
                Long.toString(timeout.toMillis()));
        Instant deadline = Instant.now().plus(timeout);
        Map<String, DataProductContract> catalog = new HashMap<>();
        readAll(bounded, bounded.topics().topic(Topics.CATALOG), deadline, c -> catalog.put(c.getId(), c));
        Map<String, TopicReaders> readers = new HashMap<>();
        readAll(bounded, bounded.topics().topic(Topics.READERS), deadline, r -> readers.put(r.getTopic(), r));
        List<AffectedProduct> downstream = catalog.values().stream()
                .filter(c -> c.getUpstreamProducts().contains(next.getId()))
                .sorted(java.util.Comparator.comparing(DataProductContract::getId)).map(ImpactAnalysis::affected).toList();
        return Optional.of(ImpactAnalysis.report(CHANGE_ID, previous, next, kind.get(), downstream, readers::get, Instant.now()));
    }

    private static <V> void readAll(MeshwardenConfig config, Topic<String, V> topic, Instant deadline, Consumer<V> each) {
        try (TopicWaiter<V> waiter = new TopicWaiter<>(config, topic, true)) {
            while (!waiter.caughtUp()) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("could not read " + topic.name() + " to its end in time");
                }
                waiter.read(Duration.ofMillis(200), value -> {
                    if (value != null) {
                        each.accept(value);
                    }
                });
            }
        }
    }
}
