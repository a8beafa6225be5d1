package io.meshwarden.lineage;

import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.schemas.Topic;
import io.meshwarden.schemas.TopicSpec;
import io.meshwarden.streams.StreamsApp;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The running lineage app, embeddable (the local runner starts it in-process): the
 * {@link LineageTopology} in a {@link StreamsApp}, which first creates its topics if missing, and,
 * when {@link io.meshwarden.config.Settings#LINEAGE_HTTP_URL} names an endpoint, the
 * {@link HttpForwarder} that delivers the lineage topic to it.
 */
public final class LineageService implements AutoCloseable {
    public static final List<TopicSpec<?, ?>> TOPICS = Stream.concat(LineageTopology.INPUTS.stream(),
            LineageTopology.OUTPUTS.stream()).distinct().toList();

    private final StreamsApp app;
    private final HttpDelivery delivery;
    private final HttpForwarder forwarder;
    private final KafkaDatasets datasets;

    private LineageService(MeshwardenConfig config) {
        this.datasets = KafkaDatasets.of(config);
        this.delivery = HttpDelivery.of(config);
        LineageEvents events = new LineageEvents(datasets);
        List<Topic<?, ?>> topics = TOPICS.stream().<Topic<?, ?>>map(spec -> config.topics().topic(spec)).toList();
        this.app = StreamsApp.create(config, LineageTopology.APPLICATION_SUFFIX, topics,
                properties -> LineageTopology.build(config.topics(), events, properties));
        this.forwarder = delivery == null ? null : new HttpForwarder(config, delivery);
    }

    /** Starts the topology and the HTTP forwarder, if any. */
    public static LineageService start(MeshwardenConfig config) {
        LineageService service = new LineageService(config);
        service.app.start();
        if (service.forwarder != null) {
            service.forwarder.start();
        }
        return service;
    }

    public KafkaStreams.State state() {
        return app.state();
    }

    public void addStateListener(KafkaStreams.StateListener listener) {
        app.addStateListener(listener);
    }

    /** The namespace the products' datasets are named in. */
    public String namespace() {
        return datasets.namespace();
    }

    /** The HTTP delivery and its counts, when an endpoint is configured. */
    public Optional<HttpDelivery> delivery() {
        return Optional.ofNullable(delivery);
    }

    @Override
    public void close() {
        if (forwarder != null) {
            forwarder.close();
        }
        app.close();
    }
}
