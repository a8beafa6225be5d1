package io.meshwarden.access;

import io.meshwarden.avro.AccessAuditEvent;
import io.meshwarden.avro.AccessCommand;
import io.meshwarden.avro.AccessRequest;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.schemas.Topic;
import io.meshwarden.schemas.TopicCatalog;
import io.meshwarden.schemas.TopicSpec;
import io.meshwarden.schemas.Topics;
import io.meshwarden.streams.DeadLetterRouting;
import io.meshwarden.streams.InputRule;
import io.meshwarden.streams.Partitioning;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The access workflow's whole Kafka Streams topology. Tests build exactly this.
 * <pre>
 * access.commands --decode (dead letters)--> by-key --> access-request-lifecycle --+--> access.requests (state)
 *                                                        (access-requests-store)    +--> access.audit (every command)
 * products.catalog --> access-catalog-store (global: a request names any product)
 * </pre>
 * Commands are keyed by request id and may come from any client (CLI, API, kcat), so they are
 * re-keyed through {@code <application.id>-access-commands-by-key-repartition} first. Undecodable
 * commands go to the dead-letter topic; decodable ones that the workflow refuses get an audit event
 * with outcome REFUSED and the reason: nothing is dropped silently.
 *
 * <p>Reads {@link #INPUTS}; writes {@link #OUTPUTS}, that repartition topic and the request store's changelog.
 */
public final class AccessTopology {
    /** Suffix of the application id ({@code <meshwarden.application.id.prefix>-access}). */
    public static final String APPLICATION_SUFFIX = "access";
    public static final List<TopicSpec<?, ?>> INPUTS = List.of(Topics.ACCESS_COMMANDS, Topics.CATALOG);
    public static final List<TopicSpec<?, ?>> OUTPUTS = List.of(Topics.ACCESS_REQUESTS, Topics.ACCESS_AUDIT, Topics.DEAD_LETTER);

    private AccessTopology() {
    }

    public static Topology build(TopicCatalog topics, Duration expiryInterval, Properties streamsProperties) {
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(streamsProperties)));
        Topic<String, DataProductContract> catalog = topics.topic(Topics.CATALOG);
        builder.globalTable(catalog.name(), Consumed.with(catalog.keySerde(), catalog.valueSerde()).withName("access-catalog-source"),
                Materialized.<String, DataProductContract, KeyValueStore<Bytes, byte[]>>as(AccessStores.CATALOG)
                        .withKeySerde(catalog.keySerde()).withValueSerde(AccessStores.avro(DataProductContract.class)));
        builder.addStateStore(AccessStores.requests());

        var outputs = DeadLetterRouting.decodedStream(builder, topics, topics.topic(Topics.ACCESS_COMMANDS), AccessCommand.class,
                        new InputRule<>("request id", AccessCommand::getRequestId, AccessTopology::invalidRequestId),
                        Partitioning.BY_KEY, "access-commands")
                .process(() -> new AccessRequestProcessor(expiryInterval), Named.as("access-request-lifecycle"),
                        AccessStores.REQUESTS)
                .split(Named.as("access-outputs"))
                .branch((id, value) -> value instanceof AccessRequest, Branched.as("-state"))
                .defaultBranch(Branched.as("-audit"));

        Topic<String, AccessRequest> requests = topics.topic(Topics.ACCESS_REQUESTS);
        outputs.get("access-outputs-state").mapValues(value -> (AccessRequest) value, Named.as("access-request-state"))
                .to(requests.name(), Produced.with(requests.keySerde(), requests.valueSerde()).withName("access-requests-sink"));
        Topic<String, AccessAuditEvent> audit = topics.topic(Topics.ACCESS_AUDIT);
        outputs.get("access-outputs-audit").mapValues(value -> (AccessAuditEvent) value, Named.as("access-audit-event"))
                .to(audit.name(), Produced.with(audit.keySerde(), audit.valueSerde()).withName("access-audit-sink"));
        return builder.build(streamsProperties);
    }

    private static String invalidRequestId(AccessCommand command) {
        String id = command.getRequestId();
        return id == null || !id.matches("[A-Za-z0-9._-]{1,100}")
                ? "requestId must be 1 to 100 letters, digits, '.', '_' or '-', not '" + id + "'" : null;
    }
}
