package io.meshwarden.sla.streams;

import io.meshwarden.avro.Alert;
import io.meshwarden.avro.AlertCommand;
import io.meshwarden.avro.AnomalyBands;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.QualitySnapshot;
import io.meshwarden.avro.Violation;
import io.meshwarden.schemas.Topic;
import io.meshwarden.schemas.TopicCatalog;
import io.meshwarden.schemas.TopicSpec;
import io.meshwarden.schemas.Topics;
import io.meshwarden.sla.alerts.AlertIds;
import io.meshwarden.sla.alerts.SlaPolicy;
import io.meshwarden.sla.budget.BurnRateRule;
import java.util.List;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import io.meshwarden.streams.DeadLetterRouting;
import io.meshwarden.streams.InputRule;
import io.meshwarden.streams.Partitioning;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The SLA monitor's whole Kafka Streams topology. Tests build exactly this.
 * <pre>
 * violations --decode--> violations-store --> availability-tracker --+--> alert-lifecycle --> alerts
 * alert-commands --decode--> re-key by product id --(repartition)---+        ^  (timeliness-store)
 * catalog --> catalog-store (owner, steward, availability and timeliness targets) --+
 * snapshots --> snapshots-store (for the API)
 * anomaly-bands --> anomaly-bands-store (the bands snapshots no longer carry, for the API and the history)
 * snapshots, anomaly-bands, catalog, decisions --> the product's history ({@link HistoryTopology}, {@link HistoryStores})
 * </pre>
 * Everything a product's alerts depend on is keyed by product id, so the hot path (violation to
 * alert) crosses no topic between input and output: one commit interval of latency under
 * exactly-once. Only commands, keyed by alert id on their topic and rare, cross one repartition
 * topic ({@code <application.id>-alert-commands-by-product-repartition}).
 *
 * <p>Reads {@link #INPUTS}; writes {@link #OUTPUTS}, that repartition topic and the changelogs of
 * {@link SlaStores} and {@link HistoryStores}.
 */
public final class SlaTopology {
    /** Suffix of the application id ({@code <meshwarden.application.id.prefix>-sla}). */
    public static final String APPLICATION_SUFFIX = "sla";
    public static final List<TopicSpec<?, ?>> INPUTS = List.of(Topics.VIOLATIONS, Topics.ALERT_COMMANDS, Topics.CATALOG,
            Topics.SNAPSHOTS, Topics.ANOMALY_BANDS, Topics.DECISIONS);
    public static final List<TopicSpec<?, ?>> OUTPUTS = List.of(Topics.ALERTS, Topics.DEAD_LETTER);
    static final String COMMANDS_BY_PRODUCT = "alert-commands-by-product";

    private SlaTopology() {
    }

    /**
     * Builds the topology with the application's own properties, so that Streams checks them while
     * building (every internal resource must be named: {@code ensure.explicit.internal.resource.naming}).
     */
    public static Topology build(TopicCatalog topics, SlaPolicy policy, Properties streamsProperties) {
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(streamsProperties)));
        KTable<String, DataProductContract> catalog = table(builder, topics, Topics.CATALOG, DataProductContract.class,
                SlaStores.CATALOG, "catalog");
        KTable<String, QualitySnapshot> snapshots = table(builder, topics, Topics.SNAPSHOTS, QualitySnapshot.class,
                SlaStores.SNAPSHOTS, "snapshots");
        // Read by the quality history's processor, which so puts it in the task of the snapshots store.
        table(builder, topics, Topics.ANOMALY_BANDS, AnomalyBands.class, SlaStores.ANOMALY_BANDS, "anomaly-bands");
        HistoryTopology.addTo(builder, topics, catalog, snapshots);
        builder.addStateStore(SlaStores.violations());
        builder.addStateStore(SlaStores.availability());
        builder.addStateStore(SlaStores.alerts());
        builder.addStateStore(SlaStores.alertTracks());
        builder.addStateStore(SlaStores.timeliness());

        KStream<String, SpecificRecord> violations = DeadLetterRouting.decodedStream(builder, topics,
                        topics.topic(Topics.VIOLATIONS), Violation.class, Violation::getProductId, Partitioning.AS_WRITTEN, "violations")
                .process(() -> new ViolationMaterializer(policy), Named.as("violations-materializer"), SlaStores.VIOLATIONS)
                .process(() -> new AvailabilityTracker(policy.punctuateInterval(), BurnRateRule.DEFAULTS),
                        Named.as("availability-tracker"), SlaStores.AVAILABILITY, SlaStores.CATALOG)
                .mapValues(violation -> (SpecificRecord) violation, Named.as("violations-as-alert-input"));
        TopicSpec<String, AlertCommand> commandSpec = Topics.ALERT_COMMANDS;
        Topic<String, AlertCommand> commandTopic = topics.topic(commandSpec);
        KStream<String, SpecificRecord> commands = DeadLetterRouting.decodedStream(builder, topics, commandTopic,
                        AlertCommand.class, new InputRule<>("alert id", AlertCommand::getAlertId, SlaTopology::invalidAlertId),
                        // Re-keyed by product right after decoding, whatever partition a command arrived on.
                        Partitioning.AS_WRITTEN, "alert-commands")
                .selectKey((alertId, command) -> AlertIds.productId(alertId), Named.as("alert-commands-product-key"))
                .repartition(Repartitioned.<String, AlertCommand>as(COMMANDS_BY_PRODUCT)
                        .withKeySerde(commandTopic.keySerde()).withValueSerde(SlaStores.avro(AlertCommand.class)))
                .mapValues(command -> (SpecificRecord) command, Named.as("commands-as-alert-input"));

        Topic<String, Alert> alerts = topics.topic(Topics.ALERTS);
        violations.merge(commands, Named.as("alert-inputs"))
                .process(() -> new AlertProcessor(policy), Named.as("alert-lifecycle"),
                        SlaStores.ALERTS, SlaStores.ALERT_TRACKS, SlaStores.TIMELINESS, SlaStores.CATALOG)
                .to(alerts.name(), Produced.with(alerts.keySerde(), alerts.valueSerde()).withName("alerts-sink"));
        return builder.build(streamsProperties);
    }

    private static String invalidAlertId(AlertCommand command) {
        return AlertIds.productId(command.getAlertId()) == null
                ? "alertId must be <productId>/<ruleId>, not '" + command.getAlertId() + "'" : null;
    }

    /** A compacted or latest-per-key topic as a queryable table, every update passed on; undecodable records meet the Streams DLQ handler. */
    private static <V extends SpecificRecord> KTable<String, V> table(StreamsBuilder builder, TopicCatalog topics,
                                                         TopicSpec<String, V> spec, Class<V> type, String store,
                                                         String name) {
        Topic<String, V> topic = topics.topic(spec);
        return builder.table(topic.name(), Consumed.with(topic.keySerde(), topic.valueSerde()).withName(name + "-table"),
                Materialized.<String, V, KeyValueStore<Bytes, byte[]>>as(store)
                        .withKeySerde(Serdes.String()).withValueSerde(SlaStores.avro(type))
                        // Uncached, so that every update reaches the history (HistoryTopology): a cache would
                        // fold two versions of a contract written within one commit interval into the last.
                        .withCachingDisabled());
    }
}
