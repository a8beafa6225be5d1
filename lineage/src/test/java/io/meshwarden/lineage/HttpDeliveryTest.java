package io.meshwarden.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Delivery to a local OpenLineage receiver (Marquez is not available here): the JDK's own HTTP server. */
class HttpDeliveryTest {
    private final HttpServer server = start();
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile int failFirst;
    private volatile int failStatus = 503;

    private HttpServer start() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            http.createContext("/api/v1/lineage", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
                int status = requests.incrementAndGet() <= failFirst ? failStatus : 201;
                if (status == 201) {
                    bodies.add(new String(body, StandardCharsets.UTF_8));
                }
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            http.start();
            return http;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/lineage");
    }

    @Test
    void retriesA503UntilTheEndpointAcceptsTheEvent() throws Exception {
        failFirst = 2;
        HttpDelivery delivery = new HttpDelivery(endpoint(), "secret-key", 5, Duration.ofMillis(5));

        HttpDelivery.Outcome outcome = delivery.deliver("p", "{\"eventTime\":\"2026-11-25T09:00:00Z\"}");

        assertThat(outcome).isEqualTo(HttpDelivery.Outcome.DELIVERED);
        assertThat(requests).hasValue(3);
        assertThat(bodies).containsExactly("{\"eventTime\":\"2026-11-25T09:00:00Z\"}");
        assertThat(authorizations).containsOnly("Bearer secret-key");
        assertThat(delivery.failedAttempts()).isEqualTo(2);
        assertThat(delivery.delivered()).isEqualTo(1);
    }

    @Test
    void failsAfterItsAttemptsWhenTheEndpointStaysDown() throws Exception {
        failFirst = Integer.MAX_VALUE;
        HttpDelivery delivery = new HttpDelivery(endpoint(), "", 3, Duration.ofMillis(5));

        assertThat(delivery.deliver("p", "{}")).isEqualTo(HttpDelivery.Outcome.FAILED);
        assertThat(requests).hasValue(3);
        assertThat(authorizations).containsOnly("null");
        assertThat(delivery.failed()).isEqualTo(1);
    }

    @Test
    void doesNotRetryAnEventTheEndpointRefuses() throws Exception {
        failFirst = Integer.MAX_VALUE;
        failStatus = 400;
        HttpDelivery delivery = new HttpDelivery(endpoint(), null, 5, Duration.ofMillis(5));

        assertThat(delivery.deliver("p", "{}")).isEqualTo(HttpDelivery.Outcome.REJECTED);
        assertThat(requests).hasValue(1);
        assertThat(delivery.rejected()).isEqualTo(1);
    }

    @Test
    void retriesAConnectionThatIsRefused() throws Exception {
        URI closed = endpoint();
        server.stop(0);
        HttpDelivery delivery = new HttpDelivery(closed, null, 2, Duration.ofMillis(5));

        assertThat(delivery.deliver("p", "{}")).isEqualTo(HttpDelivery.Outcome.FAILED);
        assertThat(delivery.failedAttempts()).isEqualTo(2);
    }
}
