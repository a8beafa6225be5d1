package io.meshwarden.templates;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code mvn -B -ntp verify} on a generated project as a team would on a fresh clone, but with
 * this reactor's artifacts: the local repository is the one maven-invoker-plugin's {@code install}
 * goal staged (the reactor's jars and their dependencies), and the only remote is this build's own
 * local repository, read as a file repository in place of Maven Central (plugins; a local repository
 * holds no checksums, hence the policy), so nothing reaches the network or is written to ~/.m2.
 * The Maven is the one running this build ({@code maven.home}).
 */
record GeneratedBuild(Path project, Path log, int exitCode) {
    private static final long TIMEOUT_MINUTES = 10;

    static GeneratedBuild verify(Path project) throws IOException, InterruptedException {
        Path settings = project.resolveSibling(project.getFileName() + "-settings.xml");
        Files.writeString(settings, """
                <settings>
                  <localRepository>%1$s</localRepository>
                  <profiles>
                    <profile>
                      <id>reactor-local-repository</id>
                      <repositories>
                        <repository><id>central</id><url>%2$s</url><snapshots><enabled>false</enabled></snapshots>
                          <releases><checksumPolicy>ignore</checksumPolicy></releases></repository>
                      </repositories>
                      <pluginRepositories>
                        <pluginRepository><id>central</id><url>%2$s</url><snapshots><enabled>false</enabled></snapshots>
                          <releases><checksumPolicy>ignore</checksumPolicy></releases></pluginRepository>
                      </pluginRepositories>
                    </profile>
                  </profiles>
                  <activeProfiles><activeProfile>reactor-local-repository</activeProfile></activeProfiles>
                </settings>
                """.formatted(property("templates.local.repo"), Path.of(property("templates.mirror.repo")).toUri()));
        Path log = project.resolveSibling(project.getFileName() + "-build.log");
        Path mvn = Path.of(property("templates.maven.home"), "bin", "mvn");
        Process process = new ProcessBuilder(List.of(mvn.toString(), "-B", "-ntp", "-s", settings.toString(), "verify"))
                .directory(project.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
            return new GeneratedBuild(project, log, -1);
        }
        return new GeneratedBuild(project, log, process.exitValue());
    }

    /** The last lines of the build's log: enough to see why it failed, never the whole log. */
    String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException(name + " is not set: run this test through Maven (failsafe sets it)");
        }
        return value;
    }
}
