package io.meshwarden.sla.notify;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus Alertmanager (the Debian package's {@code prometheus-alertmanager}) on a free
 * local port, clustering off, with a route to a receiver that sends nothing: what the tests query is
 * its own API. {@link #installed()} says whether the binary is there; tests without it are skipped.
 */
final class AlertmanagerProcess implements AutoCloseable {
    static final String BINARY = "prometheus-alertmanager";

    private final Process process;
    private final URI url;

    private AlertmanagerProcess(Process process, URI url) {
        this.process = process;
        this.url = url;
    }

    static boolean installed() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, BINARY))) {
                return true;
            }
        }
        return false;
    }

    static AlertmanagerProcess start(Path dir) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path config = dir.resolve("alertmanager.yml");
        Files.writeString(config, """
                route:
                  receiver: nowhere
                  group_wait: 1s
                receivers:
                  - name: nowhere
                """);
        Process process = new ProcessBuilder(List.of(BINARY, "--config.file=" + config, "--storage.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address="))
                .redirectErrorStream(true).redirectOutput(dir.resolve("alertmanager.log").toFile()).start();
        return new AlertmanagerProcess(process, URI.create("http://127.0.0.1:" + port));
    }

    URI url() {
        return url;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
