package io.meshwarden.quality.governance;

import io.meshwarden.avro.ContractChange;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.Decision;
import io.meshwarden.avro.Violation;
import io.meshwarden.governance.GovernanceEngine;
import io.meshwarden.quality.streams.DeadLetterRouting;
import io.meshwarden.schemas.EventSerde;
import io.meshwarden.schemas.OutputFormat;
import io.meshwarden.schemas.Topic;
import io.meshwarden.schemas.TopicCatalog;
import io.meshwarden.schemas.Topics;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * The governance topology. Reads contract changes; writes one decision per change, the
 * violations it found, accepted contracts to the compacted catalog, and undecodable changes to
 * the dead-letter topic. Keeps the last accepted contract of every product in
 * {@value #ACCEPTED_CONTRACTS_STORE}.
 */
public final class GovernanceTopology {
    public static final String ACCEPTED_CONTRACTS_STORE = "accepted-contracts-store";

    private GovernanceTopology() {
    }

    public static void build(StreamsBuilder builder, TopicCatalog topics, Supplier<GovernanceEngine> engine) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ACCEPTED_CONTRACTS_STORE),
                Serdes.String(), new EventSerde<>(DataProductContract.class, OutputFormat.AVRO)));

        Topic<String, ContractChange> changes = topics.topic(Topics.CONTRACT_CHANGES);
        KStream<String, GovernanceOutcome> outcomes = DeadLetterRouting
                .decodedStream(builder, topics, changes, ContractChange.class, ContractChange::getProductId, "contract-changes")
                .process(() -> new ContractGovernanceProcessor(engine, ACCEPTED_CONTRACTS_STORE),
                        Named.as("evaluate-contract"), ACCEPTED_CONTRACTS_STORE);

        Topic<String, Decision> decisions = topics.topic(Topics.DECISIONS);
        outcomes.mapValues(GovernanceOutcome::decision, Named.as("decision"))
                .to(decisions.name(), Produced.with(decisions.keySerde(), decisions.valueSerde()).withName("decisions-sink"));

        Topic<String, Violation> violations = topics.topic(Topics.VIOLATIONS);
        outcomes.flatMapValues(GovernanceOutcome::violations, Named.as("violations"))
                .to(violations.name(), Produced.with(violations.keySerde(), violations.valueSerde()).withName("violations-sink"));

        Topic<String, DataProductContract> catalog = topics.topic(Topics.CATALOG);
        outcomes.filter((productId, outcome) -> outcome.accepted(), Named.as("accepted"))
                .mapValues(GovernanceOutcome::contract, Named.as("accepted-contract"))
                .to(catalog.name(), Produced.with(catalog.keySerde(), catalog.valueSerde()).withName("catalog-sink"));
    }
}
