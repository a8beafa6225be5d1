package io.meshwarden.quality.impact;

import io.meshwarden.avro.TopicReaders;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.schemas.Topic;
import io.meshwarden.schemas.TopicSpec;
import io.meshwarden.streams.StreamsApp;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The running impact app, embeddable (the local runner starts it in-process): the
 * {@link ImpactTopology} in a {@link StreamsApp}, which first creates its topics if missing, and the
 * {@link ReadersPoller} that feeds it who reads which topic.
 */
public final class ImpactService implements AutoCloseable {
    public static final List<TopicSpec<?, ?>> TOPICS = Stream.concat(ImpactTopology.INPUTS.stream(),
            ImpactTopology.OUTPUTS.stream()).distinct().toList();

    private final StreamsApp app;
    private final ReadersPoller poller;

    private ImpactService(MeshwardenConfig config) {
        List<Topic<?, ?>> topics = TOPICS.stream().<Topic<?, ?>>map(spec -> config.topics().topic(spec)).toList();
        this.app = StreamsApp.create(config, ImpactTopology.APPLICATION_SUFFIX, topics,
                properties -> ImpactTopology.build(config.topics(), ImpactOptions.from(config), properties));
        this.poller = new ReadersPoller(config, Clock.systemUTC());
    }

    /** Starts the topology and the readers poller. */
    public static ImpactService start(MeshwardenConfig config) {
        ImpactService service = new ImpactService(config);
        service.app.start();
        service.poller.start();
        return service;
    }

    /**
     * Who reads a topic, as this instance's readers global store holds it now; null when nobody is known to.
     *
     * @throws io.meshwarden.streams.StoreUnavailableException while the app is not running
     */
    public TopicReaders readersOf(String topic) {
        return app.<String, TopicReaders>keyValueStore(ImpactTopology.READERS_STORE).get(topic);
    }

    public KafkaStreams.State state() {
        return app.state();
    }

    public void addStateListener(KafkaStreams.StateListener listener) {
        app.addStateListener(listener);
    }

    @Override
    public void close() {
        poller.close();
        app.close();
    }
}
