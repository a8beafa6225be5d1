package io.meshwarden.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner without a broker: what it does before it starts and when it closes. */
class StreamsAppTest {
    @TempDir
    Path stateDir;

    private StreamsApp app;

    @BeforeEach
    void create() {
        var properties = MeshwardenConfig.defaults(Map.of(Settings.STATE_DIR.key(), stateDir.toString(),
                Settings.BOOTSTRAP_SERVERS.key(), "127.0.0.1:1")).streamsProperties("runner-test");
        StreamsBuilder builder = new StreamsBuilder();
        builder.table("things", Consumed.with(Serdes.String(), Serdes.String()).withName("things-source"),
                Materialized.as("things-store"));
        app = new StreamsApp(properties, builder.build(), new ThreadFailurePolicy(), null);
    }

    @AfterEach
    void close() {
        app.close();
    }

    @Test
    void refusesAStoreLookupWhileNotRunningNamingTheStoreAndTheState() {
        assertThatThrownBy(() -> app.keyValueStore("things-store"))
                .isInstanceOfSatisfying(StoreUnavailableException.class,
                        e -> assertThat(e.state()).isEqualTo(KafkaStreams.State.CREATED))
                .hasMessage("state store things-store is not queryable while Kafka Streams is CREATED; retry shortly");
    }

    @Test
    void tellsEveryListenerOfEachTransitionEvenWhenOneFails() {
        List<String> heard = new CopyOnWriteArrayList<>();
        app.addStateListener((now, before) -> {
            throw new IllegalStateException("a listener with a bug");
        });
        app.addStateListener((now, before) -> heard.add(before + "->" + now));

        app.close();

        // Kafka Streams sets NOT_RUNNING (which ends close()) on its close thread and tells the listeners
        // after that, outside its lock: the last transition may be heard just after close() returns.
        assertThat(app.state()).isEqualTo(KafkaStreams.State.NOT_RUNNING);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(heard).containsExactly("CREATED->PENDING_SHUTDOWN", "PENDING_SHUTDOWN->NOT_RUNNING"));
    }

    @Test
    void namesItsApplicationAndStateDirectory() {
        assertThat(app.applicationId()).endsWith("-runner-test");
        assertThat(app.stateDir()).isEqualTo(stateDir.toString());
    }
}
