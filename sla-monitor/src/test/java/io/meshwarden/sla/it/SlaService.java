package io.meshwarden.sla.it;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshwarden.avro.AnomalyBands;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.QualitySnapshot;
import io.meshwarden.avro.Severity;
import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationCategory;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.schemas.Samples;
import io.meshwarden.schemas.Topic;
import io.meshwarden.schemas.Topics;
import io.meshwarden.sla.SlaMonitor;
import io.meshwarden.sla.streams.SlaStores;
import io.meshwarden.sla.streams.SlaStreams;
import io.meshwarden.streams.StoreUnavailableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * The SLA monitor on a real broker for integration tests: started as the local runner starts it,
 * with producers for the catalog, violation, snapshot and anomaly-band topics (as quality-streams
 * writes them) and a small HTTP client. {@link #restart()} closes the service and starts it again with
 * the same application id and state directory.
 *
 * <p>Security is on, as in production, with mesh-local's demo users (every password {@value #PASSWORD})
 * and one JWT secret shared by every instance of a test: each request carries a bearer token of
 * {@value #OPERATOR} (an operator, so the existing {@code "actor": "ana"} bodies name the caller), got
 * once from {@code POST /login}; {@link #as} and {@link #anonymous} ask as someone else.
 */
final class SlaService implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(60);
    static final String USERS_FILE = "classpath:meshwarden/demo-users.yml";
    static final String PASSWORD = "demo";
    static final String OPERATOR = "ana";
    static final String VIEWER = "vera";
    static final String SHARED_SECRET = "sla-it-shared-secret-of-every-instance-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    final MeshwardenConfig config;
    private final Map<String, String> properties;
    private final KafkaProducer<String, DataProductContract> contracts;
    private final KafkaProducer<String, Violation> violations;
    private final KafkaProducer<String, QualitySnapshot> snapshots;
    private final KafkaProducer<String, AnomalyBands> bands;
    private final KafkaProducer<String, io.meshwarden.avro.Decision> decisions;
    /** Replaced by a new client when the server closed a pooled connection under it ({@link #exchange}). */
    private volatile HttpClient http = HttpClient.newHttpClient();
    private SlaMonitor monitor;
    /** The Authorization header of every request, or null for none. */
    private final String authorization;
    /** The service this one is a view of ({@link #as}), or null. */
    private final SlaService owner;

    /** An HTTP answer: status code, JSON body (null when empty or not JSON) and headers. */
    record Answer(int status, JsonNode body, java.net.http.HttpHeaders headers) {
        /** The header's value, or null. */
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    SlaService(String bootstrapServers, Path stateDir, Map<String, String> settings) {
        Map<String, String> meshwarden = new HashMap<>(settings);
        meshwarden.put("meshwarden.bootstrap.servers", bootstrapServers);
        meshwarden.put("meshwarden.state.dir", stateDir.toString());
        meshwarden.putIfAbsent("meshwarden.topic.partitions", "2");
        meshwarden.putIfAbsent("meshwarden.security.users.file", USERS_FILE);
        meshwarden.putIfAbsent("meshwarden.security.jwt.secret", SHARED_SECRET);
        this.config = MeshwardenConfig.defaults(meshwarden);
        this.properties = new HashMap<>(meshwarden);
        properties.put("micronaut.server.port", "-1");
        Topic<String, DataProductContract> catalog = config.topics().topic(Topics.CATALOG);
        Topic<String, Violation> violationTopic = config.topics().topic(Topics.VIOLATIONS);
        this.contracts = new KafkaProducer<>(config.producerProperties("sla-it-catalog"), catalog.keySerde().serializer(),
                catalog.valueSerde().serializer());
        this.violations = new KafkaProducer<>(config.producerProperties("sla-it-violations"),
                violationTopic.keySerde().serializer(), violationTopic.valueSerde().serializer());
        Topic<String, QualitySnapshot> snapshotTopic = config.topics().topic(Topics.SNAPSHOTS);
        this.snapshots = new KafkaProducer<>(config.producerProperties("sla-it-snapshots"),
                snapshotTopic.keySerde().serializer(), snapshotTopic.valueSerde().serializer());
        Topic<String, AnomalyBands> bandsTopic = config.topics().topic(Topics.ANOMALY_BANDS);
        this.bands = new KafkaProducer<>(config.producerProperties("sla-it-anomaly-bands"),
                bandsTopic.keySerde().serializer(), bandsTopic.valueSerde().serializer());
        Topic<String, io.meshwarden.avro.Decision> decisionTopic = config.topics().topic(Topics.DECISIONS);
        this.decisions = new KafkaProducer<>(config.producerProperties("sla-it-decisions"),
                decisionTopic.keySerde().serializer(), decisionTopic.valueSerde().serializer());
        this.monitor = SlaMonitor.start(properties);
        this.owner = null;
        awaitRunning();
        this.authorization = "false".equals(meshwarden.get("meshwarden.security.enabled")) ? null : "Bearer " + token(OPERATOR);
    }

    /** A view of the same running service whose requests carry this Authorization header (null: none). */
    private SlaService(SlaService owner, String authorization) {
        this.owner = owner;
        this.config = owner.config;
        this.properties = owner.properties;
        this.contracts = owner.contracts;
        this.violations = owner.violations;
        this.snapshots = owner.snapshots;
        this.bands = owner.bands;
        this.decisions = owner.decisions;
        this.authorization = authorization;
    }

    /** The same service, asked as this demo user with a bearer token of theirs. */
    SlaService as(String user) {
        return new SlaService(this, "Bearer " + token(user));
    }

    /** The same service, asked with this Authorization header (e.g. basic credentials). */
    SlaService withAuthorization(String header) {
        return new SlaService(this, header);
    }

    /** The same service, asked without credentials. */
    SlaService anonymous() {
        return new SlaService(this, null);
    }

    /** A bearer token of this demo user, from POST /login. */
    String token(String user) {
        HttpRequest login = HttpRequest.newBuilder(URI.create(url() + "/login")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\": \"" + user + "\", \"password\": \"" + PASSWORD
                        + "\"}")).build();
        Answer answer = exchange(login);
        if (answer.status() != 200) {
            throw new IllegalStateException("login of " + user + " failed: " + answer.status() + " " + answer.body());
        }
        return answer.body().get("access_token").asText();
    }

    private SlaMonitor monitor() {
        return owner == null ? monitor : owner.monitor;
    }

    String url() {
        return monitor().url();
    }

    /**
     * Who runs which partition of the catalog, as this instance's Kafka Streams metadata says (the last
     * assignment it received): each instance's advertised address and its active partitions.
     */
    SortedMap<String, SortedSet<Integer>> catalogOwners() {
        String catalog = config.topics().name(Topics.CATALOG);
        SortedMap<String, SortedSet<Integer>> owners = new TreeMap<>();
        for (StreamsMetadata instance : streams().client(SlaStores.CATALOG).metadataForAllStreamsClients()) {
            SortedSet<Integer> partitions = new TreeSet<>();
            instance.topicPartitions().stream().filter(partition -> partition.topic().equals(catalog))
                    .forEach(partition -> partitions.add(partition.partition()));
            owners.put(instance.host() + ":" + instance.port(), partitions);
        }
        return owners;
    }

    /** The state of this instance's Kafka Streams application. */
    KafkaStreams.State streamsState() {
        return streams().state();
    }

    /** This instance's Kafka Streams application, the bean the service runs. */
    SlaStreams streams() {
        return monitor().context().getBean(SlaStreams.class);
    }

    void restart() {
        if (monitor != null) {
            monitor.close();
        }
        monitor = SlaMonitor.start(properties);
        awaitRunning();
    }

    /**
     * Stops the service as a {@code kill -9} would leave it to the others: Kafka Streams stops without
     * leaving the group ({@link io.meshwarden.streams.StreamsApp#closeAsIfCrashed}, so the group waits
     * for its session to time out), then the HTTP server stops answering. {@link #restart()} starts it
     * again on the same state directory, as the same member.
     */
    void crash() {
        streams().client(SlaStores.CATALOG).close(CloseOptions.timeout(Duration.ofSeconds(30))
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP));
        monitor.close();
        monitor = null;
    }

    void contract(DataProductContract contract) {
        send(contracts, Topics.CATALOG, contract.getId(), contract);
    }

    void snapshot(QualitySnapshot snapshot) {
        send(snapshots, Topics.SNAPSHOTS, snapshot.getProductId(), snapshot);
    }

    /** A product's anomaly bands on their topic, as quality-streams writes them when a judgement changes one. */
    void bands(AnomalyBands bands) {
        send(this.bands, Topics.ANOMALY_BANDS, bands.getProductId(), bands);
    }

    /**
     * Waits until this instance's bands table holds these bands (of this computation time), so that a
     * snapshot sent next is recorded with them: the service reads the two topics in no promised order.
     * For a single instance, which runs every partition.
     */
    void awaitBands(AnomalyBands bands) {
        long computedAt = bands.getComputedAt().toEpochMilli();
        // Not queryable while the group settles: asked again.
        await().atMost(WAIT).ignoreExceptionsMatching(e -> e instanceof StoreUnavailableException
                || e instanceof InvalidStateStoreException).until(() -> {
            AnomalyBands held = streams().<AnomalyBands>store(SlaStores.ANOMALY_BANDS).get(bands.getProductId());
            return held != null && held.getComputedAt().toEpochMilli() == computedAt;
        });
    }

    /** A governance decision on the decisions topic, as the governance topology writes it. */
    void decision(io.meshwarden.avro.Decision decision) {
        send(decisions, Topics.DECISIONS, decision.getProductId(), decision);
    }

    void violation(String productId, String ruleId, Severity severity, ViolationStatus status, Instant at) {
        Violation violation = Violation.newBuilder(Samples.violation(productId, ruleId))
                .setViolationId(productId + "/" + ruleId + "/" + at.toEpochMilli())
                .setCategory(ruleId.equals("freshness") ? ViolationCategory.FRESHNESS : ViolationCategory.METADATA)
                .setSeverity(severity).setStatus(status).setMessage(status + " of " + ruleId).setDetectedAt(at).build();
        send(violations, Topics.VIOLATIONS, productId, violation);
    }

    Answer get(String path) {
        return exchange(request(path).GET().build());
    }

    /** A GET with these request headers, e.g. the local scope of the instance-to-instance protocol. */
    Answer get(String path, Map<String, String> headers) {
        HttpRequest.Builder request = request(path).GET();
        headers.forEach(request::header);
        return exchange(request.build());
    }

    Answer post(String path, String json) {
        return exchange(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** A POST of a body of another type than JSON (a policy set's YAML). */
    Answer post(String path, String contentType, String body) {
        return exchange(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** A request to this path with this view's credentials. */
    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request;
    }

    String text(String path) {
        try {
            return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the answer of a GET satisfies the condition, and returns it. */
    JsonNode awaitJson(String path, java.util.function.Predicate<JsonNode> condition) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(WAIT).until(() -> {
            Answer answer = get(path);
            found[0] = answer.body();
            return answer.status() == 200 && condition.test(answer.body());
        });
        return found[0];
    }

    private void awaitRunning() {
        await().atMost(WAIT).until(() -> get("/health").body().at("/details/kafkaStreams/details/state").asText()
                .equals("RUNNING"));
    }

    /**
     * Sends the request; if the server had closed the pooled connection it went out on (as it does after refusing
     * an oversized request line or body) and not a byte came back, the request was never read: it is sent once more
     * on a new client's fresh connection. Any other failure is the answer.
     */
    private HttpResponse<String> sendOnLiveConnection(HttpRequest request) throws IOException, InterruptedException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            if (e.getMessage() == null || !e.getMessage().contains("received no bytes")) {
                throw e;
            }
            http = HttpClient.newHttpClient();
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    private Answer exchange(HttpRequest request) {
        try {
            HttpResponse<String> response = sendOnLiveConnection(request);
            String body = response.body();
            boolean json = response.headers().firstValue("Content-Type").orElse("").contains("json");
            return new Answer(response.statusCode(), body == null || body.isBlank() || !json ? null : JSON.readTree(body),
                    response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private <V> void send(KafkaProducer<String, V> producer, io.meshwarden.schemas.TopicSpec<String, V> spec, String key,
                          V value) {
        try {
            producer.send(new ProducerRecord<>(config.topics().name(spec), key, value)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        if (owner != null) {
            return; // a view: its owner closes the service
        }
        contracts.close(Duration.ofSeconds(5));
        violations.close(Duration.ofSeconds(5));
        snapshots.close(Duration.ofSeconds(5));
        bands.close(Duration.ofSeconds(5));
        decisions.close(Duration.ofSeconds(5));
        if (monitor != null) {
            monitor.close();
        }
    }
}
