package io.meshwarden.quality.registry;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.Violation;
import io.meshwarden.schemas.EventSerde;
import io.meshwarden.schemas.OutputFormat;
import io.meshwarden.schemas.Topic;
import io.meshwarden.schemas.TopicCatalog;
import io.meshwarden.schemas.Topics;
import io.meshwarden.schemas.registry.RegisteredSchema;
import io.meshwarden.schemas.registry.SchemaRegistryClient;
import io.meshwarden.streams.DeadLetterRouting;
import io.meshwarden.streams.Partitioning;
import java.util.Optional;
import java.util.Properties;
import java.util.function.BiFunction;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * The registry drift app's topology ({@link RegistryDriftService}): the catalog into {@link RegistryDriftProcessor},
 * which compares each product's output ports with their schema registry subjects, and its violations to
 * {@code mesh.governance.violations}.
 */
public final class RegistryDriftTopology {
    public static final String CONTRACTS_STORE = "registry-drift-contracts-store";
    public static final String STATE_STORE = "registry-drift-state-store";

    private RegistryDriftTopology() {
    }

    public static Topology build(TopicCatalog topics, SchemaRegistryClient registry, long checkMs, Properties streamsProperties) {
        return build(topics, registry, checkMs, SchemaDrift::of, streamsProperties);
    }

    /** The topology with another comparison of contract and registered schema (tests count the comparisons). */
    static Topology build(TopicCatalog topics, SchemaRegistryClient registry, long checkMs,
                          BiFunction<DataProductContract, RegisteredSchema, Optional<SchemaDrift.Drift>> drift,
                          Properties streamsProperties) {
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(streamsProperties)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CONTRACTS_STORE), Serdes.String(),
                new EventSerde<>(DataProductContract.class, OutputFormat.AVRO)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STATE_STORE), Serdes.String(),
                Serdes.String()));
        Topic<String, Violation> violations = topics.topic(Topics.VIOLATIONS);
        DeadLetterRouting.decodedStream(builder, topics, topics.topic(Topics.CATALOG), DataProductContract.class,
                        DataProductContract::getId, Partitioning.AS_WRITTEN, "registry-drift-catalog")
                .process(() -> new RegistryDriftProcessor(registry, checkMs, drift), Named.as("registry-drift"), CONTRACTS_STORE,
                        STATE_STORE)
                .to(violations.name(), Produced.with(violations.keySerde(), violations.valueSerde()).withName("registry-drift-sink"));
        return builder.build(streamsProperties);
    }
}
