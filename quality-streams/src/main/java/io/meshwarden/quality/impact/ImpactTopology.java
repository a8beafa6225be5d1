package io.meshwarden.quality.impact;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.Decision;
import io.meshwarden.avro.ImpactNotice;
import io.meshwarden.avro.ImpactReport;
import io.meshwarden.avro.TopicReaders;
import io.meshwarden.avro.Violation;
import io.meshwarden.governance.lifecycle.Deprecation;
import io.meshwarden.schemas.EventSerde;
import io.meshwarden.schemas.OutputFormat;
import io.meshwarden.schemas.Topic;
import io.meshwarden.schemas.TopicCatalog;
import io.meshwarden.schemas.TopicSpec;
import io.meshwarden.schemas.Topics;
import io.meshwarden.schemas.impact.ImpactAnalysis;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The impact app's topology: who an accepted breaking change, deprecation or retirement hits.
 * <pre>
 * products.catalog --track versions--+--downstream edges--> repartition by upstream --> downstream-store
 *                                    +--accepted--+
 * governance.decisions ---------------------------+--> pair decision with version --> impact report --> governance.impact-reports
 * governance.readers (global) ----------------------------------^                          +--one per owner--> governance.impact
 * </pre>
 * A separate application, not part of the governance topology: quality-streams already reads the
 * catalog as a stream, and a topic can be the source of one node of a topology only. Both streamed
 * inputs are written by quality-streams, keyed by product id, to topics of the same partition count
 * ({@link io.meshwarden.streams.Partitioning#AS_WRITTEN}), in one transaction per change: a
 * decision meets its catalog record in the same task, the n-th accepted decision of a product
 * being the n-th catalog record of it. The downstream store sits on the upstream product's partition after a repartition,
 * so that a report reads it locally. The catalog's deprecated entries also feed the {@link SunsetWatch}: reminders to
 * their readers' owners on governance.impact, past-sunset violations on governance.violations.
 * Reads {@link #INPUTS}; writes {@link #OUTPUTS} and the changelogs.
 */
public final class ImpactTopology {
    /** Suffix of the application id ({@code <meshwarden.application.id.prefix>-impact}). */
    public static final String APPLICATION_SUFFIX = "impact";
    /** The last accepted contract of every product. */
    public static final String CONTRACTS_STORE = "impact-contracts-store";
    /** Accepted decisions waiting for their catalog record, by product and arrival. */
    public static final String PENDING_DECISIONS_STORE = "impact-pending-decisions-store";
    /** Catalog records, judged, waiting for their decision, by product and arrival. */
    public static final String PENDING_REPORTS_STORE = "impact-pending-reports-store";
    /** Upstream product NUL live downstream product: the downstream product's contract. */
    public static final String DOWNSTREAM_STORE = "impact-downstream-store";
    /** Who reads each topic, from the readers poller. */
    public static final String READERS_STORE = "impact-readers-store";
    /** Deprecated catalog entries with a sunset date (products, and superseded majors {@code <id>@v<major>}), by catalog id. */
    public static final String DEPRECATED_STORE = "impact-deprecated-store";
    /** Deprecated version NUL consumer group: the last reminder point it was sent, and its past-sunset subject. */
    public static final String REMINDERS_STORE = "impact-reminders-store";
    public static final List<TopicSpec<?, ?>> INPUTS = List.of(Topics.CATALOG, Topics.DECISIONS, Topics.READERS);
    public static final List<TopicSpec<?, ?>> OUTPUTS = List.of(Topics.IMPACT_REPORTS, Topics.IMPACT, Topics.VIOLATIONS);

    private ImpactTopology() {
    }

    public static Topology build(TopicCatalog topics, Properties streamsProperties) {
        return build(topics, ImpactOptions.defaults(), streamsProperties);
    }

    public static Topology build(TopicCatalog topics, ImpactOptions options, Properties streamsProperties) {
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(streamsProperties)));
        build(builder, topics, options);
        return builder.build(streamsProperties);
    }

    public static void build(StreamsBuilder builder, TopicCatalog topics) {
        build(builder, topics, ImpactOptions.defaults());
    }

    public static void build(StreamsBuilder builder, TopicCatalog topics, ImpactOptions options) {
        EventSerde<DataProductContract> contractSerde = new EventSerde<>(DataProductContract.class, OutputFormat.AVRO);
        for (String store : List.of(CONTRACTS_STORE, DOWNSTREAM_STORE, DEPRECATED_STORE)) {
            builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store), Serdes.String(), contractSerde));
        }
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(REMINDERS_STORE),
                Serdes.String(), Serdes.String()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PENDING_DECISIONS_STORE),
                Serdes.String(), new EventSerde<>(Decision.class, OutputFormat.AVRO)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PENDING_REPORTS_STORE),
                Serdes.String(), new EventSerde<>(ImpactReport.class, OutputFormat.AVRO)));
        Topic<String, TopicReaders> readers = topics.topic(Topics.READERS);
        builder.globalTable(readers.name(), Consumed.with(readers.keySerde(), readers.valueSerde()).withName("impact-readers-source"),
                Materialized.<String, TopicReaders, KeyValueStore<Bytes, byte[]>>as(READERS_STORE)
                        .withKeySerde(readers.keySerde()).withValueSerde(readers.valueSerde()));

        Topic<String, DataProductContract> catalog = topics.topic(Topics.CATALOG);
        KStream<String, DataProductContract> contracts = builder.stream(catalog.name(),
                        Consumed.with(catalog.keySerde(), catalog.valueSerde()).withName("impact-catalog-source"))
                .filter((id, contract) -> contract != null, Named.as("impact-contracts-present"));
        watchSunsets(contracts, topics, options);
        // A superseded major (<id>@v<major>) has no decision of its own: its product's new major reported the change.
        KStream<String, ImpactInput.Accepted> accepted = contracts
                .filterNot((id, contract) -> Deprecation.isSuperseded(id), Named.as("impact-versions-in-force"))
                .processValues(ContractTracker::new, Named.as("impact-track-contracts"), CONTRACTS_STORE);
        accepted.flatMap((id, change) -> DownstreamProcessor.edges(change), Named.as("impact-downstream-edges"))
                .repartition(Repartitioned.<String, DataProductContract>as("impact-downstream-by-upstream")
                        .withKeySerde(Serdes.String()).withValueSerde(contractSerde))
                .process(DownstreamProcessor::new, Named.as("impact-update-downstream"), DOWNSTREAM_STORE);

        Topic<String, Decision> decisions = topics.topic(Topics.DECISIONS);
        KStream<String, ImpactInput> decided = builder.stream(decisions.name(),
                        Consumed.with(decisions.keySerde(), decisions.valueSerde()).withName("impact-decisions-source"))
                .filter((id, decision) -> decision != null, Named.as("impact-decisions-present"))
                .mapValues(decision -> (ImpactInput) new ImpactInput.Decided(decision), Named.as("impact-decided"));
        KStream<String, ImpactReport> reports = accepted.mapValues(change -> (ImpactInput) change, Named.as("impact-accepted"))
                .merge(decided, Named.as("impact-inputs"))
                .processValues(ImpactProcessor::new, Named.as("impact-report"), PENDING_DECISIONS_STORE,
                        PENDING_REPORTS_STORE, DOWNSTREAM_STORE, CONTRACTS_STORE);
        Topic<String, ImpactReport> reportTopic = topics.topic(Topics.IMPACT_REPORTS);
        reports.to(reportTopic.name(), Produced.with(reportTopic.keySerde(), reportTopic.valueSerde()).withName("impact-reports-sink"));
        Topic<String, ImpactNotice> notices = topics.topic(Topics.IMPACT);
        reports.flatMapValues(ImpactAnalysis::notices, Named.as("impact-notices"))
                .to(notices.name(), Produced.with(notices.keySerde(), notices.valueSerde()).withName("impact-notices-sink"));
    }

    private static void watchSunsets(KStream<String, DataProductContract> contracts, TopicCatalog topics, ImpactOptions options) {
        Topic<String, ImpactNotice> notices = topics.topic(Topics.IMPACT);
        Topic<String, Violation> violations = topics.topic(Topics.VIOLATIONS);
        contracts.process(() -> new SunsetWatch(options), Named.as("impact-sunset-watch"), DEPRECATED_STORE, REMINDERS_STORE)
                .split(Named.as("impact-sunset-route"))
                .branch((id, value) -> value instanceof ImpactNotice, Branched.withConsumer(reminders -> reminders
                        .mapValues(value -> (ImpactNotice) value, Named.as("impact-sunset-reminder"))
                        .to(notices.name(), Produced.with(notices.keySerde(), notices.valueSerde()).withName("impact-reminders-sink")),
                        "-reminder"))
                .defaultBranch(Branched.withConsumer(past -> past
                        .mapValues(value -> (Violation) value, Named.as("impact-past-sunset"))
                        .to(violations.name(), Produced.with(violations.keySerde(), violations.valueSerde())
                                .withName("impact-past-sunset-sink")), "-past-sunset"));
    }
}
