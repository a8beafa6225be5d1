package io.meshwarden.sla.cluster;

import io.meshwarden.sla.streams.SlaStreams;
import io.meshwarden.streams.StoreUnavailableException;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Where the SLA monitor's state lives across its instances, from Kafka Streams' metadata (every
 * instance advertises itself as {@code application.server}): the instance owning a product's
 * partition of a store ({@link KafkaStreams#queryMetadataForKey}), and every instance hosting some
 * partition of a store ({@link KafkaStreams#streamsMetadataForStore}).
 *
 * <p>Every store is partitioned by product id (alerts and violations too, though their keys are longer),
 * so the product id is the key asked for. A store's partitions are those of the source topics of the
 * sub-topology that holds it, read from the topology's description.
 *
 * @throws StoreUnavailableException from every method while Kafka Streams cannot say (not started, stopped)
 */
@Singleton
public class StoreLocator {
    private final SlaStreams streams;
    private final Map<String, Set<String>> sources = new ConcurrentHashMap<>();

    public StoreLocator(SlaStreams streams) {
        this.streams = streams;
    }

    /** This instance, as the others reach it. */
    public HostInfo self(String store) {
        HostInfo self = streams.self();
        if (self == null) {
            throw new StoreUnavailableException(store, streams.state());
        }
        return self;
    }

    /** Whether this instance's Kafka Streams is rebalancing now (its tasks and the metadata may move). */
    boolean rebalancing() {
        return streams.state() == KafkaStreams.State.REBALANCING;
    }

    /** The instances holding this product's partition of the store. */
    KeyOwners owners(String store, String productId) {
        KeyQueryMetadata metadata = ask(store, () -> streams.client(store)
                .queryMetadataForKey(store, productId, Serdes.String().serializer()));
        if (metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            throw new StoreUnavailableException(store, streams.state());
        }
        HostInfo active = metadata.activeHost();
        return new KeyOwners(store, metadata.partition(), available(active) ? active : null,
                metadata.standbyHosts().stream().filter(StoreLocator::available).toList());
    }

    /** Which instance holds each partition of the store. */
    StorePlacement placement(String store) {
        Set<String> topics = sourceTopics(store);
        SortedMap<Integer, HostInfo> active = new TreeMap<>();
        SortedMap<Integer, List<HostInfo>> standbys = new TreeMap<>();
        for (StreamsMetadata instance : ask(store, () -> streams.client(store).streamsMetadataForStore(store))) {
            if (!available(instance.hostInfo())) {
                continue;
            }
            if (instance.stateStoreNames().contains(store)) {
                partitions(instance.topicPartitions(), topics).forEach(partition -> active.put(partition, instance.hostInfo()));
            }
            if (instance.standbyStateStoreNames().contains(store)) {
                partitions(instance.standbyTopicPartitions(), topics).forEach(partition ->
                        standbys.computeIfAbsent(partition, p -> new ArrayList<>()).add(instance.hostInfo()));
            }
        }
        if (active.isEmpty() && standbys.isEmpty()) {
            throw new StoreUnavailableException(store, streams.state());
        }
        return new StorePlacement(store, active, standbys);
    }

    private Set<Integer> partitions(Set<TopicPartition> assigned, Set<String> topics) {
        Set<Integer> partitions = new HashSet<>();
        String internalPrefix = streams.applicationId() + "-";
        for (TopicPartition partition : assigned) {
            String topic = partition.topic();
            if (topics.contains(topic) || topic.startsWith(internalPrefix) && topics.contains(topic.substring(internalPrefix.length()))) {
                partitions.add(partition.partition());
            }
        }
        return partitions;
    }

    /** The source topics of the sub-topology holding the store (internal ones without the application id). */
    private Set<String> sourceTopics(String store) {
        TopologyDescription topology = streams.topology();
        if (topology == null) {
            throw new StoreUnavailableException(store, streams.state());
        }
        return sources.computeIfAbsent(store, name -> {
            Set<String> topics = new HashSet<>();
            for (TopologyDescription.Subtopology subtopology : topology.subtopologies()) {
                boolean holds = subtopology.nodes().stream().anyMatch(node ->
                        node instanceof TopologyDescription.Processor processor && processor.stores().contains(name));
                if (holds) {
                    subtopology.nodes().stream().filter(TopologyDescription.Source.class::isInstance)
                            .map(node -> ((TopologyDescription.Source) node).topicSet())
                            .filter(Objects::nonNull).forEach(topics::addAll);
                }
            }
            return Set.copyOf(topics);
        });
    }

    private <T> T ask(String store, Supplier<T> question) {
        try {
            return question.get();
        } catch (InvalidStateStoreException | IllegalStateException e) {
            throw new StoreUnavailableException(store, streams.state(), e);
        }
    }

    private static boolean available(HostInfo host) {
        return host != null && host.port() > 0 && !HostInfo.unavailable().equals(host);
    }
}
