package io.meshwarden.bench.fault;

import io.meshwarden.avro.Decision;
import io.meshwarden.bench.fault.Outputs.Seen;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.schemas.AvroTrust;
import io.meshwarden.schemas.TopicCatalog;
import io.meshwarden.schemas.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The multi-process fault test: three KRaft nodes, two quality-streams and two SLA monitor instances,
 * each its own OS process started from the module jars, fed by kcat. Under a steady load of
 * contract changes (with poison records among them) and metric events, in order: {@code kill -9} of a
 * quality-streams instance (restarted at once), of the broker leading decisions partition 0
 * (restarted at once), of an SLA monitor instance (restarted after an outage during which the other
 * must answer for every product), then a rolling restart (SIGTERM and start) of every service
 * instance. Then it compares the committed outputs with what was sent ({@link Comparison}), prints
 * the pauses after each fault ({@link Pause}) and exits 1 on any mismatch.
 *
 * <pre>
 * java -cp "benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*" \
 *     io.meshwarden.bench.fault.FaultHarness [--changes 20000 --rate 80 | --short]
 * </pre>
 */
@Command(name = "fault-harness", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Kills and restarts brokers and service instances, each its own process, under load; compares outputs exactly.")
public final class FaultHarness implements Callable<Integer> {
    private static final Duration SETTLE = Duration.ofSeconds(90);
    private static final Duration DWELL = Duration.ofSeconds(5);

    @Option(names = "--changes", paramLabel = "N", description = {"Contract changes of the load, at least (default 20000; 300 with --short);",
                    "the load goes on until the last fault is over."})
    Integer changes;

    @Option(names = "--rate", paramLabel = "PER_SECOND", description = "Changes per second (default 80; 4 with --short).")
    Double rate;

    @Option(names = "--products", paramLabel = "N", description = "Products the changes and metrics cycle through (default 200; 30 with --short).")
    Integer products;

    @Option(names = "--poison-every", paramLabel = "N", defaultValue = "50", description = "A poison record after every N changes (default ${DEFAULT-VALUE}).")
    int poisonEvery;

    @Option(names = "--sla-outage", paramLabel = "SECONDS", defaultValue = "12",
            description = "How long the killed SLA monitor stays down (default ${DEFAULT-VALUE}).")
    int slaOutageSeconds;

    @Option(names = "--api-failures-allowed", description = {"Accept failed answers of the surviving SLA monitor during the"
            + " outage, as long as it answers for every product by its end (default: any failed answer is a mismatch)."})
    boolean apiFailuresAllowed;

    @Option(names = "--short", description = "A few hundred changes: the build's integration test.")
    boolean shortRun;

    @Option(names = "--modules", paramLabel = "DIR", defaultValue = ".",
            description = "Repository root whose modules' target directories hold the packaged jars (default: ${DEFAULT-VALUE}).")
    Path modules;

    @Option(names = "--work-dir", paramLabel = "DIR", description = "Where data, state and logs go (default: a new temporary directory, kept).")
    Path workDir;

    private FaultReport report;

    public static void main(String[] args) {
        System.exit(new CommandLine(new FaultHarness()).execute(args));
    }

    /** Runs the harness with these arguments and returns its report (null for --help). */
    public static FaultReport run(String... args) {
        FaultHarness harness = new FaultHarness();
        int exit = new CommandLine(harness).execute(args);
        if (harness.report == null && exit != 0) {
            throw new IllegalStateException("fault harness failed with exit code " + exit + " (see its output)");
        }
        return harness.report;
    }

    @Override
    public Integer call() throws Exception {
        AvroTrust.ensure();
        int total = changes != null ? changes : shortRun ? 300 : 20_000;
        double perSecond = rate != null ? rate : shortRun ? 4 : 80;
        int productCount = products != null ? products : shortRun ? 30 : 200;
        Path work = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("fault-harness-");
        System.out.printf("fault harness: %d changes at %.1f/s over %d products, poison every %d; work in %s%n", total, perSecond,
                productCount, poisonEvery, work);
        Map<String, String> slaSettings = Map.of(
                // Every product goes stale and recovers every 16 s; that is the load, not flapping.
                Settings.SLA_FLAP_CYCLES.key(), "1000000",
                Settings.SLA_PUNCTUATE_INTERVAL_MS.key(), "1000");
        long started = System.nanoTime();
        try (Mesh mesh = new Mesh(ModuleJars.under(modules.toAbsolutePath().normalize()), work, slaSettings)) {
            // A harness stopped with Ctrl-C or SIGTERM takes its processes with it.
            Thread cleanup = new Thread(mesh::close, "fault-harness-cleanup");
            Runtime.getRuntime().addShutdownHook(cleanup);
            mesh.start();
            System.out.printf("fault harness: 3 brokers (%s), 2 quality-streams, 2 SLA monitors up in %d s%n",
                    mesh.bootstrapServers(), (System.nanoTime() - started) / 1_000_000_000);
            report = new Run(mesh, total, perSecond, productCount, poisonEvery, work).execute();
            Runtime.getRuntime().removeShutdownHook(cleanup);
        }
        report.print(System.out);
        return report.mismatches().isEmpty() ? 0 : 1;
    }

    /** One run against a started mesh. */
    private final class Run {
        private final Mesh mesh;
        private final int total;
        private final int productCount;
        private final TopicCatalog topics;
        private final Load load;
        private final KcatPipe changePipe;
        private final KcatPipe metricPipe;
        private final List<String> notes = new ArrayList<>();
        private final List<long[]> faultTimes = new ArrayList<>();
        private final List<String> faultNames = new ArrayList<>();
        private ApiProbe.Result probe;

        Run(Mesh mesh, int total, double perSecond, int productCount, int poisonEvery, Path work) {
            this.mesh = mesh;
            this.total = total;
            this.productCount = productCount;
            this.topics = MeshwardenConfig.defaults(Map.of(Settings.TOPIC_PREFIX.key(), Mesh.TOPIC_PREFIX)).topics();
            this.changePipe = new KcatPipe(mesh.bootstrapServers(), topics.name(Topics.CONTRACT_CHANGES), work);
            this.metricPipe = new KcatPipe(mesh.bootstrapServers(), topics.name(Topics.METRICS), work);
            this.load = new Load(changePipe, metricPipe, productCount, total, perSecond, poisonEvery);
        }

        FaultReport execute() throws Exception {
            long start = System.nanoTime();
            try (Outputs outputs = new Outputs(mesh.bootstrapServers(), topics)) {
                load.registerProducts();
                awaitDecided(outputs, "the registration of every product");
                load.start();
                List<Runnable> faults = faults(outputs);
                for (int i = 0; i < faults.size(); i++) {
                    int due = total * (i + 1) / (faults.size() + 2);
                    waitFor(() -> load.loadSent() >= due, Duration.ofHours(1));
                    long at = System.nanoTime();
                    faults.get(i).run();
                    faultTimes.add(new long[] {at});
                    awaitDecided(outputs, "every change sent before " + faultNames.get(i));
                }
                // A few seconds of steady load after the last fault, so that its window has an end.
                Thread.sleep(DWELL.toMillis());
                load.faultsOver();
                load.awaitChanges();
                long loadEnd = System.nanoTime();
                load.stopMetrics();
                changePipe.close();
                metricPipe.close();
                awaitSettled(outputs);
                Comparison comparison = Comparison.of(load.sentAt().keySet(), load.poison(), topics.name(Topics.CONTRACT_CHANGES),
                        outputs);
                return new FaultReport(comparison, pauses(outputs, start, loadEnd), overallGap(outputs, loadEnd),
                        probe, apiFailuresAllowed, notes, (System.nanoTime() - start) / 1_000_000_000);
            }
        }

        private List<Runnable> faults(Outputs outputs) {
            List<Runnable> faults = new ArrayList<>();
            ChildProcess qualityA = mesh.quality().get(0);
            named(faults, "kill -9 " + qualityA.name(), () -> {
                qualityA.kill();
                mesh.startQuality(qualityA);
            });
            int leader = leaderOfDecisionsPartition0();
            ChildProcess broker = mesh.brokers().get(leader - 1);
            named(faults, "kill -9 " + broker.name(), () -> {
                broker.kill();
                mesh.startBroker(broker);
            });
            ChildProcess slaA = mesh.sla().get(0);
            named(faults, "kill -9 " + slaA.name(), () -> {
                long killed = System.nanoTime();
                slaA.kill();
                List<String> ids = IntStream.range(0, productCount).mapToObj(FaultContracts::productId).toList();
                long outageEnd = killed + Duration.ofSeconds(slaOutageSeconds).toNanos();
                probe = ApiProbe.during(mesh, mesh.slaUrl(1), ids, killed, () -> System.nanoTime() > outageEnd);
                mesh.startSla(slaA);
            });
            for (ChildProcess instance : mesh.quality()) {
                named(faults, "SIGTERM+start " + instance.name(), () -> {
                    instance.stop(Duration.ofSeconds(30));
                    mesh.startQuality(instance);
                });
            }
            for (ChildProcess instance : mesh.sla()) {
                named(faults, "SIGTERM+start " + instance.name(), () -> {
                    instance.stop(Duration.ofSeconds(30));
                    mesh.startSla(instance);
                });
            }
            return faults;
        }

        private void named(List<Runnable> faults, String name, Runnable fault) {
            faultNames.add(name);
            faults.add(() -> {
                System.out.printf("fault harness: %s (%d of %d changes sent)%n", name, load.loadSent(), total);
                fault.run();
            });
        }

        private int leaderOfDecisionsPartition0() {
            Properties props = new Properties();
            props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, mesh.bootstrapServers());
            try (Admin admin = Admin.create(props)) {
                String decisions = topics.name(Topics.DECISIONS);
                return admin.describeTopics(List.of(decisions)).allTopicNames().get().get(decisions).partitions().get(0).leader().id();
            } catch (Exception e) {
                throw new IllegalStateException("could not find the leader of the decisions topic", e);
            }
        }

        private void awaitDecided(Outputs outputs, String what) {
            long since = System.nanoTime();
            int owed = load.changesSent();
            try {
                waitFor(() -> outputs.decisionCount() >= owed, SETTLE);
            } catch (IllegalStateException e) {
                notes.add("not every decision of " + what + " within " + SETTLE.toSeconds() + " s");
            }
            System.out.printf("fault harness:   %d decisions of %d changes owed for %s, after %d ms%n", outputs.decisionCount(),
                    owed, what, (System.nanoTime() - since) / 1_000_000);
        }

        /** Until everything owed has arrived and nothing more has for a while, so that late duplicates count too. */
        private void awaitSettled(Outputs outputs) {
            int owed = load.changesSent();
            int poison = load.poison().size();
            // A pipeline still catching up on a busy machine is given time as long as decisions keep coming.
            int[] seen = {-1};
            long[] progressAt = {System.nanoTime()};
            try {
                waitFor(() -> {
                    int decided = outputs.decisionCount();
                    if (decided != seen[0]) {
                        seen[0] = decided;
                        progressAt[0] = System.nanoTime();
                    }
                    if (System.nanoTime() - progressAt[0] > SETTLE.toNanos()) {
                        throw new IllegalStateException("no progress");
                    }
                    return decided >= owed && outputs.deadLetters().size() >= poison;
                }, Duration.ofHours(2));
            } catch (IllegalStateException e) {
                notes.add("decisions and dead letters stopped arriving for " + SETTLE.toSeconds() + " s before all were there");
            }
            System.out.printf("fault harness:   %d decisions of %d changes owed after the load%n", outputs.decisionCount(), owed);
            // The last silent phase's breaches come within the freshness limit; then both topics go quiet.
            long quietFor = FaultContracts.FRESHNESS_MAX_AGE_MS + 5_000;
            long deadline = System.nanoTime() + SETTLE.toNanos();
            int[] last = {-1, -1};
            long[] since = {System.nanoTime()};
            try {
                waitFor(() -> {
                    int violations = outputs.violations().size();
                    int alerts = outputs.alerts().size();
                    if (violations != last[0] || alerts != last[1]) {
                        last[0] = violations;
                        last[1] = alerts;
                        since[0] = System.nanoTime();
                    }
                    return System.nanoTime() - since[0] > quietFor * 1_000_000 || System.nanoTime() > deadline;
                }, SETTLE.plusSeconds(30));
            } catch (IllegalStateException e) {
                notes.add("violations and alerts still flowing " + SETTLE.toSeconds() + " s after the load");
            }
        }

        private List<Pause> pauses(Outputs outputs, long start, long loadEnd) {
            List<Seen<Decision>> decisions = outputs.decisions();
            List<Long> decisionTimes = decisions.stream().map(Seen::arrivedAt).sorted().toList();
            List<Long> alertTimes = outputs.alerts().stream().map(Seen::arrivedAt).sorted().toList();
            Map<String, Long> firstDecision = new HashMap<>();
            decisions.forEach(d -> firstDecision.merge(d.value().getChangeId().toString(), d.arrivedAt(), Math::min));
            Map<String, Long> sentAt = load.sentAt();
            List<Pause> pauses = new ArrayList<>();
            for (int i = 0; i < faultTimes.size(); i++) {
                long at = faultTimes.get(i)[0];
                long end = i + 1 < faultTimes.size() ? faultTimes.get(i + 1)[0] : loadEnd;
                pauses.add(Pause.of(faultNames.get(i), start, at, end, decisionTimes, alertTimes, sentAt, firstDecision));
            }
            return pauses;
        }

        private long overallGap(Outputs outputs, long loadEnd) {
            List<Long> times = outputs.decisions().stream().map(Seen::arrivedAt).sorted(Comparator.naturalOrder()).toList();
            return times.isEmpty() ? -1 : Pause.longestGap(times, times.get(0), loadEnd);
        }
    }

    private static void waitFor(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("condition not met within " + timeout);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }
}
