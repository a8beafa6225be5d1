package io.meshwarden.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Runs small sample classes through the JUnit engine to check what a test class cannot see from inside:
 * that the broker is stopped after the class, including after its own {@code @AfterAll} methods.
 * The samples are static nested classes, which the build's test patterns do not pick up on their own.
 */
class EmbeddedKafkaExtensionLifecycleIT {

    /** What the samples observed, in order. */
    static final List<String> EVENTS = new CopyOnWriteArrayList<>();
    static final List<EmbeddedKafkaBroker> BROKERS = new CopyOnWriteArrayList<>();

    @Test
    void brokerIsStoppedAfterTheClassAndItsAfterAllMethods() {
        EVENTS.clear();
        BROKERS.clear();
        PlainExtendWithSample.seen = null;

        EngineTestKit.engine("junit-jupiter").selectors(selectClass(PlainExtendWithSample.class)).execute()
                .testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));

        assertThat(EVENTS).containsExactly("test", "test", "afterAll saw a live broker");
        assertThat(BROKERS).hasSize(1);
        EmbeddedKafkaBroker broker = BROKERS.get(0);
        assertThat(isListening(broker.bootstrapServers())).isFalse();
        assertThat(broker.dataDir()).doesNotExist();
    }

    @Test
    void perClassInstanceCanTakeTheBrokerInItsConstructor() {
        EVENTS.clear();

        EngineTestKit.engine("junit-jupiter").selectors(selectClass(PerClassSample.class)).execute()
                .testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));

        assertThat(EVENTS).containsExactly("topic created before test");
    }

    @ExtendWith(EmbeddedKafkaExtension.class)
    static class PlainExtendWithSample {

        static EmbeddedKafkaBroker seen;

        @Test
        void first(EmbeddedKafkaBroker broker) throws Exception {
            record(broker);
        }

        @Test
        void second(EmbeddedKafkaBroker broker) throws Exception {
            record(broker);
        }

        @AfterAll
        static void afterAll() {
            if (isListening(seen.bootstrapServers())) {
                EVENTS.add("afterAll saw a live broker");
            }
        }

        private static void record(EmbeddedKafkaBroker broker) throws Exception {
            // Without the annotation there is nothing to create (listTopics leaves out Kafka's internal topics).
            assertThat(topicNames(broker)).isEmpty();
            if (seen == null) {
                seen = broker;
                BROKERS.add(broker);
            }
            assertThat(broker).isSameAs(seen);
            EVENTS.add("test");
        }
    }

    @EmbeddedKafka(topics = "per-class")
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    static class PerClassSample {

        private final EmbeddedKafkaBroker broker;

        PerClassSample(EmbeddedKafkaBroker broker) {
            this.broker = broker;
        }

        @Test
        void topicExists() throws Exception {
            if (topicNames(broker).contains("per-class")) {
                EVENTS.add("topic created before test");
            }
        }
    }

    private static Set<String> topicNames(EmbeddedKafkaBroker broker) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            return admin.listTopics().names().get();
        }
    }

    private static boolean isListening(String bootstrapServers) {
        int port = Integer.parseInt(bootstrapServers.substring(bootstrapServers.lastIndexOf(':') + 1));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
