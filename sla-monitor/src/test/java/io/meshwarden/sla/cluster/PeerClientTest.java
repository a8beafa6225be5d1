package io.meshwarden.sla.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwarden.config.MeshwardenConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The per-instance timeout against a peer that accepts the connection and never answers. */
class PeerClientTest {
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final PeerClient peers = new PeerClient(MeshwardenConfig.defaults(Map.of("meshwarden.sla.peer.timeout.ms", "300")),
            executor);

    @AfterEach
    void close() throws IOException {
        peers.close();
        executor.shutdownNow();
    }

    @Test
    void aPeerThatNeverAnswersFailsWithinTheTimeout() throws IOException {
        try (ServerSocket silent = new ServerSocket(0)) {
            Thread acceptor = new Thread(() -> {
                try (Socket held = silent.accept()) {
                    held.getInputStream().readAllBytes();
                } catch (IOException e) {
                    // Closed by the test.
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            long started = System.nanoTime();

            assertThatThrownBy(() -> peers.get(new HostInfo("localhost", silent.getLocalPort()), "/api/catalog", Scope.LOCAL_ACTIVE)
                    .join()).isInstanceOf(CompletionException.class);

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void aPeerThatIsGoneFailsAtOnce() throws IOException {
        int port;
        try (ServerSocket gone = new ServerSocket(0)) {
            port = gone.getLocalPort();
        }

        assertThatThrownBy(() -> peers.get(new HostInfo("localhost", port), "/api/catalog", Scope.LOCAL_ACTIVE).join())
                .isInstanceOf(CompletionException.class);
    }
}
