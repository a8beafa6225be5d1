package io.meshwarden.quality.observed;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.schemas.Topic;
import io.meshwarden.schemas.Topics;
import io.meshwarden.streams.CompactedView;
import io.meshwarden.streams.StreamsApp;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running observed app, embeddable (the local runner starts it in-process): the {@link ObservedTopology}
 * in a {@link StreamsApp} of its own ({@code <prefix>-observed}: own group, threads and state), so that whatever
 * befalls the observed topics (none matching yet, one deleted or re-created, a flood of undecodable records)
 * never stops governance or metric-based quality. Its consumer refreshes its metadata every
 * {@code meshwarden.quality.observed.refresh.ms}, so a topic created later is read within that and a rebalance.
 *
 * <p>It reads the topics the operator's pattern ({@code meshwarden.quality.observed.topic.pattern}) matches, and the
 * output topics of every contract that opts in ({@link ObservedOptIn}). The quality app writes both kinds of port to
 * {@link Topics#OBSERVED_PORTS}; this service follows that topic ({@link CompactedView}) and, since a Kafka Streams
 * subscription is fixed per client, closes and starts its app again with the pattern "operator's pattern or the quoted
 * opted-in topics" whenever the opted-in set changes. With neither, it runs no app.
 */
public final class ObservedService implements AutoCloseable {
    public static final String APPLICATION = "observed";
    private static final Logger LOG = LoggerFactory.getLogger(ObservedService.class);

    private final MeshwardenConfig config;
    private final MeshwardenConfig observed;
    private final ObservedOptions options;
    private final Optional<Pattern> operator;
    private final CompactedView<DataProductContract> ports;
    private final List<KafkaStreams.StateListener> listeners = new CopyOnWriteArrayList<>();
    private Set<String> subscribed = Set.of();
    private volatile StreamsApp app;
    private boolean closed;

    private ObservedService(MeshwardenConfig config) {
        this.config = config;
        this.options = ObservedOptions.from(config);
        this.operator = options.topics();
        this.observed = settings(config);
        this.ports = new CompactedView<>(config, config.topics().topic(Topics.OBSERVED_PORTS), "observed-ports-view", this::follow);
    }

    /**
     * The observed app's settings: {@code config} with its consumer's metadata refreshed every
     * {@code meshwarden.quality.observed.refresh.ms}, so a topic created later is read within that; the harnesses run the
     * app with exactly these.
     */
    public static MeshwardenConfig settings(MeshwardenConfig config) {
        return config.with(MeshwardenConfig.KAFKA_NAMESPACE + StreamsConfig.MAIN_CONSUMER_PREFIX
                + ConsumerConfig.METADATA_MAX_AGE_CONFIG, Long.toString(ObservedOptions.from(config).refreshMs()));
    }

    public static ObservedService start(MeshwardenConfig config) {
        ObservedService service = new ObservedService(config);
        if (service.operator.isPresent()) {
            service.restart(Set.of());
        }
        service.ports.start();
        return service;
    }

    /** The opted-in topics the operator's pattern does not already cover, as the observed ports say now. */
    private Set<String> optedIn() {
        return ports.values().stream().flatMap(contract -> ObservedOptIn.topics(contract).stream())
                .filter(topic -> operator.map(p -> !p.matcher(topic).matches()).orElse(true))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Called by the view of the observed ports after each change: a new app when the opted-in set changed. */
    private synchronized void follow() {
        Set<String> wanted = optedIn();
        if (!closed && !wanted.equals(subscribed)) {
            restart(wanted);
        }
    }

    private synchronized void restart(Set<String> optedIn) {
        if (app != null) {
            app.close();
            app = null;
        }
        subscribed = Set.copyOf(optedIn);
        Optional<Pattern> pattern = pattern(operator, optedIn);
        if (pattern.isEmpty()) {
            return;
        }
        List<Topic<?, ?>> topics = List.of(config.topics().topic(Topics.OBSERVED_PORTS),
                config.topics().topic(Topics.OBSERVED_MEASUREMENTS), config.topics().topic(Topics.DEAD_LETTER));
        ObservedOptions reading = new ObservedOptions(pattern, options.refreshMs(), options.deadLetterSamplesPerMinute(),
                options.registry(), options.start());
        StreamsApp next = StreamsApp.create(observed, APPLICATION, topics,
                properties -> ObservedTopology.build(config.topics(), reading, properties));
        listeners.forEach(next::addStateListener);
        app = next.start();
        LOG.info("observed mode reads {}, from {} where it has no committed offset", pattern.get().pattern(), options.start().text());
    }

    /** The operator's pattern or any of the opted-in topics; empty when there is neither. */
    static Optional<Pattern> pattern(Optional<Pattern> operator, Set<String> optedIn) {
        String topics = optedIn.stream().sorted().map(Pattern::quote).collect(Collectors.joining("|"));
        if (operator.isEmpty()) {
            return optedIn.isEmpty() ? Optional.empty() : Optional.of(Pattern.compile(topics));
        }
        return Optional.of(optedIn.isEmpty() ? operator.get()
                : Pattern.compile("(?:" + operator.get().pattern() + ")|" + topics));
    }

    /** Whether an observed app runs now. */
    public boolean running() {
        return app != null;
    }

    /** The topics read because their contracts opt in (beyond the operator's pattern). */
    public synchronized Set<String> optedInTopics() {
        return subscribed;
    }

    /** The app's state; {@code NOT_RUNNING} while no app runs. */
    public KafkaStreams.State state() {
        StreamsApp running = app;
        return running == null ? KafkaStreams.State.NOT_RUNNING : running.state();
    }

    /** Listens to the app's state, and to that of every app started after a change of the opted-in topics. */
    public synchronized void addStateListener(KafkaStreams.StateListener listener) {
        listeners.add(listener);
        if (app != null) {
            app.addStateListener(listener);
        }
    }

    @Override
    public void close() {
        ports.close();
        synchronized (this) {
            closed = true;
            if (app != null) {
                app.close();
                app = null;
            }
        }
    }
}
