package io.meshwarden.sla.cluster;

import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.context.ServerRequestContext;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Asks another SLA monitor instance for a read in its local {@link Scope}, with Micronaut's HTTP client:
 * a GET of the same API path, answered within {@code meshwarden.sla.peer.timeout.ms} (connecting
 * included) or not at all. Every status comes back as a {@link PeerReply}; an instance that refuses the
 * connection or does not answer in time fails the future. Calls run on Micronaut's I/O executor, never
 * on an event loop, so that a slow peer holds up no other request.
 *
 * <p>The caller's {@code Authorization} header goes along: the peer authenticates and authorizes the
 * same user, so a forwarded read is never more than the caller may read. Bearer tokens therefore need
 * the same {@code meshwarden.security.jwt.secret} on every instance (docs/security.md).
 */
@Singleton
public class PeerClient {
    private final HttpClient client;
    private final Duration timeout;
    private final ExecutorService executor;

    public PeerClient(MeshwardenConfig config, @Named(TaskExecutors.IO) ExecutorService executor) {
        this.timeout = Duration.ofMillis(config.getLong(Settings.SLA_PEER_TIMEOUT_MS));
        this.executor = executor;
        DefaultHttpClientConfiguration configuration = new DefaultHttpClientConfiguration();
        configuration.setConnectTimeout(timeout);
        configuration.setReadTimeout(timeout);
        configuration.setRequestTimeout(timeout);
        configuration.setFollowRedirects(false);
        configuration.setShutdownQuietPeriod(Duration.ZERO);
        configuration.setShutdownTimeout(Duration.ofSeconds(1));
        this.client = HttpClient.create(null, configuration);
    }

    /** The peer's answer to a GET of this path and query (raw, as the client sent them) in this scope. */
    CompletableFuture<PeerReply> get(HostInfo peer, String pathAndQuery, Scope scope) {
        MutableHttpRequest<Object> request = HttpRequest.GET(uri(peer, pathAndQuery)).accept(MediaType.APPLICATION_JSON_TYPE);
        scope.headers().forEach(request::header);
        // The client's request, on whose thread a read asks its peers.
        ServerRequestContext.currentRequest().flatMap(caller -> caller.getHeaders().findFirst(HttpHeaders.AUTHORIZATION))
                .ifPresent(credentials -> request.header(HttpHeaders.AUTHORIZATION, credentials));
        return CompletableFuture.supplyAsync(() -> {
                    try {
                        return reply(client.toBlocking().exchange(request, String.class));
                    } catch (HttpClientResponseException e) {
                        // The blocking client throws on an error status whatever the configuration says.
                        return reply(e.getResponse());
                    }
                }, executor)
                // The client's own timeouts end the call; this bounds the wait should one of them not apply.
                .orTimeout(timeout.multipliedBy(2).toMillis(), TimeUnit.MILLISECONDS);
    }

    private static PeerReply reply(HttpResponse<?> response) {
        return new PeerReply(response.code(), response.getBody(String.class).orElse(""),
                response.getHeaders().get(Coverage.STANDBY_LAG));
    }

    Duration timeout() {
        return timeout;
    }

    @PreDestroy
    void close() throws java.io.IOException {
        client.close();
    }

    static URI uri(HostInfo peer, String pathAndQuery) {
        String host = peer.host().contains(":") ? "[" + peer.host() + "]" : peer.host();
        return URI.create("http://" + host + ":" + peer.port() + pathAndQuery);
    }

    /** A peer's HTTP answer: status, body, and the standby lags it reported. */
    record PeerReply(int status, String body, String standbyLag) {
    }
}
