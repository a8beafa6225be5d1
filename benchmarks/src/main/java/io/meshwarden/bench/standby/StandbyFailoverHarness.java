package io.meshwarden.bench.standby;

import io.meshwarden.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwarden.schemas.AvroTrust;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether standby replicas shorten the SLA monitor's failover, run by hand:
 * {@code java -cp ... io.meshwarden.bench.standby.StandbyFailoverHarness [products=50000] [runs=3]}.
 * On one embedded broker, in one JVM, alternately with {@code meshwarden.standby.replicas} 0 and 1:
 * two instances loaded with {@code products} products, then one dies for good ({@link FailoverRun});
 * prints each run and the medians, with 1 replica as a ratio of none. Both wait out the same 6 s
 * session; what differs is whether the survivor restores the dead one's stores from their changelogs
 * before it writes again, or promotes the copies it already keeps.
 */
public final class StandbyFailoverHarness {
    private StandbyFailoverHarness() {
    }

    public static void main(String[] args) throws Exception {
        AvroTrust.ensure();
        int products = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path state = Files.createTempDirectory("standby-bench-state");
        List<Long> none = new ArrayList<>();
        List<Long> one = new ArrayList<>();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            FailoverRun failover = new FailoverRun(broker.bootstrapServers(), state, products);
            for (int run = 0; run < runs; run++) {
                for (int standbys : new int[] {0, 1}) {
                    FailoverRun.Result result = failover.measure("standby" + standbys + "run" + run, standbys);
                    (standbys == 0 ? none : one).add(result.failoverMs());
                    System.out.printf(Locale.ROOT, "run %d, %d standby replicas: %,d products loaded in %.1f s; "
                                    + "failover to the first output of each of the dead one's %d partitions %.1f s%n",
                            run + 1, standbys, products, result.loadMs() / 1000.0, result.probes(), result.failoverMs() / 1000.0);
                }
            }
        }
        long withoutStandbys = median(none);
        long withOne = median(one);
        System.out.printf(Locale.ROOT, "%nfailover, median of %d runs, %,d products, 4 partitions, exactly_once_v2, session 6 s:%n",
                runs, products);
        System.out.printf(Locale.ROOT, "  0 standby replicas  %6.1f s  1.00%n", withoutStandbys / 1000.0);
        System.out.printf(Locale.ROOT, "  1 standby replica   %6.1f s  %.2f%n", withOne / 1000.0, (double) withOne / withoutStandbys);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
