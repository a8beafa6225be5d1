package io.meshwarden.bench.footprint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;

/**
 * What one Streams application's state costs once it has run: the bytes of its local state directory
 * (RocksDB files and checkpoints) and of its changelog topics on the broker, and the process's resident
 * memory, for the scale curve of the harnesses (issue 16). Read after the application has closed.
 */
public record StateFootprint(long localBytes, long changelogBytes, long residentBytes, long peakResidentBytes) {

    public static StateFootprint of(Path applicationStateDir, String applicationId, Admin admin) {
        return new StateFootprint(directoryBytes(applicationStateDir), changelogBytes(admin, applicationId),
                procStatus("VmRSS:"), procStatus("VmHWM:"));
    }

    /** One line: bytes per product on disk and in the changelogs, and the process's resident memory. */
    public String describe(int products) {
        return String.format(Locale.ROOT, "state %,d B local (%,.0f B/product), %,d B in changelogs (%,.0f B/product); "
                        + "resident %,d MiB (peak %,d MiB)", localBytes, localBytes / (double) products, changelogBytes,
                changelogBytes / (double) products, residentBytes >> 20, peakResidentBytes >> 20);
    }

    static long directoryBytes(Path directory) {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(StateFootprint::size).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0; // a RocksDB file removed by compaction while walking
        }
    }

    /** The sizes of the application's changelog partitions in every log directory of every broker. */
    static long changelogBytes(Admin admin, String applicationId) {
        try {
            List<Integer> brokers = admin.describeCluster().nodes().get().stream().map(node -> node.id()).toList();
            Map<Integer, Map<String, LogDirDescription>> dirs = admin.describeLogDirs(brokers).allDescriptions().get();
            return dirs.values().stream().map(Map::values).flatMap(Collection::stream)
                    .flatMap(dir -> dir.replicaInfos().entrySet().stream())
                    .filter(replica -> replica.getKey().topic().startsWith(applicationId + "-")
                            && replica.getKey().topic().endsWith("-changelog"))
                    .mapToLong(replica -> replica.getValue().size()).sum();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("describing the brokers' log directories failed", e.getCause());
        }
    }

    /** A size line of /proc/self/status (kB), in bytes; 0 where there is no procfs. */
    static long procStatus(String field) {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return 0;
        }
        try (Stream<String> lines = Files.lines(status)) {
            return lines.filter(line -> line.startsWith(field)).findFirst()
                    .map(line -> Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]) * 1024).orElse(0L);
        } catch (IOException e) {
            return 0;
        }
    }
}
