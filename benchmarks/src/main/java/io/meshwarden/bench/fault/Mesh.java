package io.meshwarden.bench.fault;

import io.meshwarden.kafka.embedded.FreePorts;
import io.meshwarden.config.Setting;
import io.meshwarden.config.Settings;
import io.meshwarden.kafka.embedded.QuorumMember;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The processes of the fault harness: three KRaft nodes ({@code EmbeddedKafkaMain --nodes 3}), two
 * quality-streams instances and two SLA monitor instances, each its own JVM with its own state
 * directory, stable instance id ({@link Settings#INSTANCE_ID}) and, for the SLA monitors, HTTP port and
 * {@link Settings#APPLICATION_SERVER}. Replication is left to the services ({@code -1}: three replicas,
 * two in sync, on three brokers).
 */
final class Mesh implements AutoCloseable {
    static final int BROKERS = 3;
    static final int PARTITIONS = 4;
    static final String TOPIC_PREFIX = "fault.";
    private static final Duration READY = Duration.ofSeconds(120);
    private static final List<String> JVM = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k");

    private final List<ChildProcess> brokers = new ArrayList<>();
    private final List<ChildProcess> quality = new ArrayList<>();
    private final List<ChildProcess> sla = new ArrayList<>();
    private final List<Integer> slaPorts = new ArrayList<>();
    private final String bootstrapServers;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    Mesh(ModuleJars jars, Path work, Map<String, String> slaSettings) throws IOException {
        int first = FreePorts.range(2 * BROKERS + 2);
        String clusterId = QuorumMember.randomClusterId();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int node = 1; node <= BROKERS; node++) {
            QuorumMember member = new QuorumMember(node, BROKERS, first, first + BROKERS, clusterId, work.resolve("kafka-" + node));
            brokers.add(new ChildProcess("broker-" + node, command(java, "-Xmx512m", jars.embeddedKafka(), List.of(
                    "--nodes", Integer.toString(BROKERS), "--node-id", Integer.toString(node), "--port", Integer.toString(first),
                    "--controller-port", Integer.toString(first + BROKERS), "--cluster-id", clusterId,
                    "--data-dir", member.dataDir().toString())), Map.of(), work));
        }
        bootstrapServers = new QuorumMember(1, BROKERS, first, first + BROKERS, clusterId, work).bootstrapServers();
        for (String instance : List.of("a", "b")) {
            quality.add(new ChildProcess("quality-" + instance, command(java, "-Xmx384m", jars.qualityStreams(), List.of()),
                    environment(work, "quality-" + instance, Map.of()), work));
        }
        for (int i = 0; i < 2; i++) {
            int port = first + 2 * BROKERS + i;
            slaPorts.add(port);
            String instance = "sla-" + (char) ('a' + i);
            Map<String, String> settings = new LinkedHashMap<>(slaSettings);
            settings.put(Settings.APPLICATION_SERVER.key(), "127.0.0.1:" + port);
            // The probes read the API anonymously: this harness measures availability, not authentication.
            settings.put(Settings.SECURITY_ENABLED.key(), "false");
            sla.add(new ChildProcess(instance, command(java, "-Xmx384m", jars.slaMonitor(),
                    List.of("--micronaut.server.port=" + port)), environment(work, instance, settings), work));
        }
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    List<ChildProcess> brokers() {
        return brokers;
    }

    List<ChildProcess> quality() {
        return quality;
    }

    List<ChildProcess> sla() {
        return sla;
    }

    String slaUrl(int index) {
        return "http://127.0.0.1:" + slaPorts.get(index);
    }

    /** Starts the brokers together (a node is up once a majority of the quorum is), then the services. */
    void start() {
        brokers.forEach(ChildProcess::start);
        brokers.forEach(this::awaitBroker);
        List<CompletableFuture<Void>> services = new ArrayList<>();
        quality.forEach(instance -> services.add(CompletableFuture.runAsync(() -> startQuality(instance))));
        sla.forEach(instance -> services.add(CompletableFuture.runAsync(() -> startSla(instance))));
        services.forEach(CompletableFuture::join);
    }

    void startBroker(ChildProcess broker) {
        broker.start();
        awaitBroker(broker);
    }

    /** Starts a quality-streams instance and waits until its Kafka Streams client is RUNNING. */
    void startQuality(ChildProcess instance) {
        instance.start();
        instance.await("running", READY, () -> instance.logContains(" to RUNNING"));
    }

    /** Starts an SLA monitor instance and waits until its readiness probe is UP. */
    void startSla(ChildProcess instance) {
        instance.start();
        int index = sla.indexOf(instance);
        instance.await("ready", READY, () -> status(slaUrl(index) + "/health/readiness") == 200);
    }

    /** The HTTP status of a GET, or -1 when nothing answers. */
    int status(String url) {
        return get(url).statusCode;
    }

    Reply get(String url) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response.headers().firstValue("Meshwarden-Answered-By")
                    .orElse(""));
        } catch (IOException e) {
            return new Reply(-1, e.toString(), "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(-1, "interrupted", "");
        }
    }

    /** An HTTP answer: status (-1 when nothing answered), body and the instance that answered. */
    record Reply(int statusCode, String body, String answeredBy) {
    }

    /** SIGTERM to the services, then to the brokers; whatever does not stop in time is killed. */
    @Override
    public void close() {
        List<CompletableFuture<Boolean>> stops = new ArrayList<>();
        quality.forEach(p -> stops.add(CompletableFuture.supplyAsync(() -> p.stop(Duration.ofSeconds(20)))));
        sla.forEach(p -> stops.add(CompletableFuture.supplyAsync(() -> p.stop(Duration.ofSeconds(20)))));
        stops.forEach(CompletableFuture::join);
        // The last brokers of a quorum wait minutes for a controller to approve their controlled shutdown.
        brokers.stream().map(p -> CompletableFuture.supplyAsync(() -> p.stop(Duration.ofSeconds(10)))).toList()
                .forEach(CompletableFuture::join);
    }

    private void awaitBroker(ChildProcess broker) {
        broker.await("listening", READY, () -> broker.logContains(" listening on "));
    }

    private Map<String, String> environment(Path work, String instance, Map<String, String> extra) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(Settings.BOOTSTRAP_SERVERS.key(), bootstrapServers);
        settings.put(Settings.TOPIC_PREFIX.key(), TOPIC_PREFIX);
        settings.put(Settings.APPLICATION_ID_PREFIX.key(), "fault");
        settings.put(Settings.STATE_DIR.key(), work.resolve("state-" + instance).toString());
        settings.put(Settings.INSTANCE_ID.key(), instance);
        settings.put(Settings.TOPIC_PARTITIONS.key(), Integer.toString(PARTITIONS));
        settings.put(Settings.TOPIC_REPLICATION_FACTOR.key(), "-1");
        settings.putAll(extra);
        Map<String, String> variables = new LinkedHashMap<>();
        settings.forEach((key, value) -> variables.put(Settings.byKey(key).map(Setting::environmentVariable).orElseThrow(), value));
        return variables;
    }

    private static List<String> command(String java, String heap, Path jar, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.add(heap);
        command.addAll(JVM);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(arguments);
        return command;
    }

}
