package io.meshwarden.bench.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The runnable jars {@code mvn package} leaves in each module's {@code target} directory, each with
 * its runtime dependencies in {@code target/lib} (the manifest's class path), found under the
 * repository root: the harness starts the services exactly as a user starts them, {@code java -jar}.
 */
record ModuleJars(Path embeddedKafka, Path qualityStreams, Path slaMonitor) {

    static ModuleJars under(Path repositoryRoot) {
        return new ModuleJars(find(repositoryRoot, "embedded-kafka"), find(repositoryRoot, "quality-streams"),
                find(repositoryRoot, "sla-monitor"));
    }

    private static Path find(Path root, String module) {
        Path target = root.resolve(module).resolve("target");
        if (!Files.isDirectory(target.resolve("lib"))) {
            throw new IllegalStateException("no " + target.resolve("lib") + ": build the modules first (mvn -B package"
                    + " -DskipTests), or pass --modules with the repository root");
        }
        try (Stream<Path> files = Files.list(target)) {
            List<Path> jars = files.filter(file -> {
                String name = file.getFileName().toString();
                return name.startsWith(module + "-") && name.endsWith(".jar") && !name.endsWith("-tests.jar")
                        && !name.endsWith("-sources.jar");
            }).toList();
            if (jars.size() != 1) {
                throw new IllegalStateException("expected one " + module + " jar in " + target + ", found " + jars);
            }
            return jars.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
