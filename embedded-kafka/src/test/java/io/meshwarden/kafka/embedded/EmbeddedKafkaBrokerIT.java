package io.meshwarden.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerIT {

    /** Shared by the tests that only need some broker; the lifecycle tests start their own. */
    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void aWaitThatTimesOutSaysWhatItAwaitedHowLongAndTheLastFailure() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            Topics topics = new Topics(admin, Duration.ofSeconds(1));

            assertThatThrownBy(() -> topics.awaitLeaders(Set.of("never-created")))
                    .isInstanceOf(EmbeddedKafkaException.class)
                    .hasMessage("timed out after 1 s waiting for leaders for topics [never-created]")
                    .hasCauseInstanceOf(UnknownTopicOrPartitionException.class);
        }
    }

    @Test
    void idempotentProducerRecordsAreConsumedBack() throws Exception {
        broker.createTopic("idempotent", 2, false);
        List<String> sent = IntStream.range(0, 20).mapToObj(i -> "value-" + i).toList();
        try (KafkaProducer<String, String> producer = TestClients.producer(broker.bootstrapServers(), Map.of())) {
            for (String value : sent) {
                producer.send(new ProducerRecord<>("idempotent", value, value)).get();
            }
        }

        List<String> received = TestClients.consumeValues(broker.bootstrapServers(), IsolationLevel.READ_UNCOMMITTED, "idempotent", sent.size());

        assertThat(received).containsExactlyInAnyOrderElementsOf(sent);
    }

    @Test
    void onlyCommittedTransactionsAreVisibleToReadCommittedConsumers() throws Exception {
        broker.createTopic("transactional", 1, false);
        try (KafkaProducer<String, String> producer = TestClients.producer(broker.bootstrapServers(),
                Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "embedded-kafka-it"))) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("transactional", "aborted")).get();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("transactional", "committed")).get();
            producer.commitTransaction();
        }

        // The aborted record precedes the committed one, so it would have arrived first had it been visible.
        assertThat(TestClients.consumeValues(broker.bootstrapServers(), IsolationLevel.READ_COMMITTED, "transactional", 1))
                .containsExactly("committed");
        assertThat(TestClients.consumeValues(broker.bootstrapServers(), IsolationLevel.READ_UNCOMMITTED, "transactional", 2))
                .containsExactly("aborted", "committed");
    }

    @Test
    void exactlyOnceV2StreamsApplicationRuns(@TempDir Path stateDir) {
        broker.createTopics(List.of(new NewTopic("words", 2, (short) 1), new NewTopic("shouted", 2, (short) 1)));
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("words", Consumed.with(Serdes.String(), Serdes.String()))
                .mapValues(word -> word.toUpperCase(Locale.ROOT))
                .to("shouted", Produced.with(Serdes.String(), Serdes.String()));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "embedded-kafka-eos-it");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);

        try (KafkaStreams streams = new KafkaStreams(builder.build(), props);
             KafkaProducer<String, String> producer = TestClients.producer(broker.bootstrapServers(), Map.of())) {
            streams.start();
            for (String word : List.of("alpha", "beta", "gamma")) {
                producer.send(new ProducerRecord<>("words", word, word));
            }
            producer.flush();

            assertThat(TestClients.consumeValues(broker.bootstrapServers(), IsolationLevel.READ_COMMITTED, "shouted", 3))
                    .containsExactlyInAnyOrder("ALPHA", "BETA", "GAMMA");
            assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
        }
    }

    @Test
    void createTopicIsIdempotentAndKeepsTheFirstDefinition() throws Exception {
        broker.createTopic("compacted", 3, true);
        broker.createTopic("compacted", 5, false);

        try (Admin admin = admin(broker)) {
            TopicDescription description = admin.describeTopics(List.of("compacted")).allTopicNames().get().get("compacted");
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "compacted");
            Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);

            assertThat(description.partitions()).hasSize(3).allSatisfy(partition -> assertThat(partition.leader()).isNotNull());
            assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
        }
    }

    @Test
    void topicsAreNotAutoCreated() {
        try (KafkaProducer<String, String> producer = TestClients.producer(broker.bootstrapServers(),
                Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, 500))) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("never-created", "value")).get())
                    .isInstanceOf(ExecutionException.class)
                    .hasMessageContaining("not present in metadata");
        }
    }

    @Test
    void twoBrokersRunAtOnceAsSeparateClusters() throws Exception {
        CompletableFuture<EmbeddedKafkaBroker> first = CompletableFuture.supplyAsync(EmbeddedKafkaBroker::start);
        CompletableFuture<EmbeddedKafkaBroker> second = CompletableFuture.supplyAsync(EmbeddedKafkaBroker::start);
        try (EmbeddedKafkaBroker one = first.get(); EmbeddedKafkaBroker two = second.get()) {
            assertThat(one.bootstrapServers()).isNotEqualTo(two.bootstrapServers()).isNotEqualTo(broker.bootstrapServers());
            assertThat(one.dataDir()).isNotEqualTo(two.dataDir());

            one.createTopic("only-on-one", 1, false);
            two.createTopic("only-on-two", 1, false);

            assertThat(topicNames(one)).contains("only-on-one").doesNotContain("only-on-two");
            assertThat(topicNames(two)).contains("only-on-two").doesNotContain("only-on-one");
        }
    }

    @Test
    void restartOnTheSameDataDirKeepsRecords(@TempDir Path dataDir) throws Exception {
        EmbeddedKafkaConfig config = EmbeddedKafkaConfig.defaults().withDataDir(dataDir);
        try (EmbeddedKafkaBroker first = EmbeddedKafkaBroker.start(config)) {
            first.createTopic("durable", 1, false);
            try (KafkaProducer<String, String> producer = TestClients.producer(first.bootstrapServers(), Map.of())) {
                producer.send(new ProducerRecord<>("durable", "key", "survives a restart")).get();
            }
        }
        assertThat(dataDir.resolve("meta.properties")).exists();

        try (EmbeddedKafkaBroker second = EmbeddedKafkaBroker.start(config)) {
            // The topic is already there; this only waits until its reloaded partition has a leader again.
            second.createTopic("durable", 1, false);
            assertThat(TestClients.consumeValues(second.bootstrapServers(), IsolationLevel.READ_UNCOMMITTED, "durable", 1))
                    .containsExactly("survives a restart");
        }
        assertThat(dataDir).isDirectory();
    }

    @Test
    void dataDirInUseByARunningBrokerIsRefusedWithoutHarmingIt(@TempDir Path dataDir) throws Exception {
        EmbeddedKafkaConfig config = EmbeddedKafkaConfig.defaults().withDataDir(dataDir);
        try (EmbeddedKafkaBroker running = EmbeddedKafkaBroker.start(config)) {
            assertThatThrownBy(() -> EmbeddedKafkaBroker.start(config))
                    .isInstanceOf(EmbeddedKafkaException.class)
                    .hasMessage("Kafka data directory " + dataDir + " is in use by another running broker");

            running.createTopic("still-fine", 1, false);
            assertThat(topicNames(running)).contains("still-fine");
        }
    }

    @Test
    void runsOnAFixedPortAndDeletesItsTemporaryDirectory() throws IOException {
        int port = freePort();
        Path dataDir;
        try (EmbeddedKafkaBroker fixed = EmbeddedKafkaBroker.start(EmbeddedKafkaConfig.defaults().withPort(port))) {
            dataDir = fixed.dataDir();
            assertThat(fixed.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
            assertThat(isListening(port)).isTrue();
            assertThat(dataDir).isDirectory();
        }
        assertThat(isListening(port)).isFalse();
        assertThat(dataDir).doesNotExist();
    }

    @Test
    void takenFixedPortIsReportedAsSuch() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            EmbeddedKafkaConfig config = EmbeddedKafkaConfig.defaults().withPort(taken.getLocalPort());

            assertThatThrownBy(() -> EmbeddedKafkaBroker.start(config))
                    .isInstanceOfSatisfying(PortInUseException.class, e -> assertThat(e.port()).isEqualTo(taken.getLocalPort()))
                    .hasMessage("port " + taken.getLocalPort() + " on 127.0.0.1 is already in use");
        }
    }

    @Test
    void brokerPropertiesOverrideTheDefaults() throws Exception {
        try (EmbeddedKafkaBroker custom = EmbeddedKafkaBroker.start(
                EmbeddedKafkaConfig.defaults().withBrokerProperty("num.partitions", "3"))) {
            custom.createTopics(List.of(new NewTopic("default-partitions", Optional.empty(), Optional.empty())));
            try (Admin admin = admin(custom)) {
                assertThat(admin.describeTopics(List.of("default-partitions")).allTopicNames().get()
                        .get("default-partitions").partitions()).hasSize(3);
            }
        }
    }

    private static Set<String> topicNames(EmbeddedKafkaBroker target) throws Exception {
        try (Admin admin = admin(target)) {
            return admin.listTopics().names().get();
        }
    }

    private static Admin admin(EmbeddedKafkaBroker target) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, target.bootstrapServers()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
