package io.meshwarden.streams;

import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;

/**
 * A {@link StreamsApp} that runs only when its feature is configured (observed mode, a schema registry): the
 * lifecycle its service offers either way, so that callers start, watch and close it without asking.
 */
public final class OptionalStreamsApp implements AutoCloseable {
    private static final OptionalStreamsApp OFF = new OptionalStreamsApp(Optional.empty());

    private final Optional<StreamsApp> app;

    private OptionalStreamsApp(Optional<StreamsApp> app) {
        this.app = app;
    }

    /** Nothing runs. */
    public static OptionalStreamsApp off() {
        return OFF;
    }

    /** {@code app}, started. */
    public static OptionalStreamsApp started(StreamsApp app) {
        return new OptionalStreamsApp(Optional.of(app.start()));
    }

    public boolean running() {
        return app.isPresent();
    }

    /** The app's state; {@code NOT_RUNNING} when it is off. */
    public KafkaStreams.State state() {
        return app.map(StreamsApp::state).orElse(KafkaStreams.State.NOT_RUNNING);
    }

    public void addStateListener(KafkaStreams.StateListener listener) {
        app.ifPresent(running -> running.addStateListener(listener));
    }

    @Override
    public void close() {
        app.ifPresent(StreamsApp::close);
    }
}
