package io.meshwarden.lineage;

import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs one OpenLineage event, as the JSON it is on the lineage topic, to an OpenLineage endpoint
 * (Marquez's {@code /api/v1/lineage}, DataHub's or OpenMetadata's OpenLineage API), retrying a 5xx,
 * 408, 429 or a connection error up to {@link Settings#LINEAGE_HTTP_ATTEMPTS} times with a backoff
 * starting at {@link Settings#LINEAGE_HTTP_BACKOFF_MS}, doubled after each failure, at most 30 s.
 * Any other 4xx is final: the endpoint refuses the event itself and will refuse it again.
 *
 * <p>The JDK's HTTP client rather than openlineage-java's {@code HttpTransport}: the transport takes
 * only its typed events, so the forwarder would have to parse the topic's JSON back into them, and a
 * custom facet's {@code _schemaURL} does not survive that round trip; it also has no retries in 1.33.0.
 * The bytes sent are exactly the ones the client's writer put on the topic.
 */
public final class HttpDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(HttpDelivery.class);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    /** How one event's delivery ended. */
    public enum Outcome { DELIVERED, REJECTED, FAILED }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI url;
    private final String apiKey;
    private final int attempts;
    private final Duration backoff;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong failedAttempts = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    public HttpDelivery(URI url, String apiKey, int attempts, Duration backoff) {
        if (attempts < 1) {
            throw new IllegalArgumentException(Settings.LINEAGE_HTTP_ATTEMPTS.key() + " must be at least 1, not " + attempts);
        }
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw new IllegalArgumentException(Settings.LINEAGE_HTTP_URL.key() + " must be an http or https URL, not '" + url + "'");
        }
        this.url = url;
        this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
        this.attempts = attempts;
        this.backoff = backoff;
    }

    /** The delivery the configuration asks for; null when {@link Settings#LINEAGE_HTTP_URL} is empty. */
    static HttpDelivery of(MeshwardenConfig config) {
        String url = config.get(Settings.LINEAGE_HTTP_URL).trim();
        if (url.isEmpty()) {
            return null;
        }
        return new HttpDelivery(URI.create(url), config.get(Settings.LINEAGE_HTTP_API_KEY), config.getInt(Settings.LINEAGE_HTTP_ATTEMPTS),
                Duration.ofMillis(config.getLong(Settings.LINEAGE_HTTP_BACKOFF_MS)));
    }

    /** Sends {@code json}, retrying as the class says; FAILED when every attempt failed. */
    public Outcome deliver(String key, String json) throws InterruptedException {
        Duration wait = backoff;
        for (int attempt = 1; ; attempt++) {
            String failure;
            try {
                HttpResponse<Void> response = client.send(request(json), HttpResponse.BodyHandlers.discarding());
                int status = response.statusCode();
                if (status / 100 == 2) {
                    delivered.incrementAndGet();
                    return Outcome.DELIVERED;
                }
                if (status / 100 == 4 && status != 408 && status != 429) {
                    rejected.incrementAndGet();
                    LOG.warn("OpenLineage endpoint {} refused the event of {} with HTTP {}; not retried", url, key, status);
                    return Outcome.REJECTED;
                }
                failure = "HTTP " + status;
            } catch (IOException e) {
                failure = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            }
            failedAttempts.incrementAndGet();
            if (attempt >= attempts) {
                failed.incrementAndGet();
                LOG.warn("OpenLineage endpoint {}: the event of {} failed {} times, last with {}", url, key, attempts, failure);
                return Outcome.FAILED;
            }
            LOG.debug("OpenLineage endpoint {}: attempt {} for {} failed with {}; retrying in {}", url, attempt, key, failure, wait);
            Thread.sleep(wait.toMillis());
            wait = wait.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait.multipliedBy(2);
        }
    }

    private HttpRequest request(String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        return request.build();
    }

    public URI url() {
        return url;
    }

    /** Events the endpoint accepted. */
    public long delivered() {
        return delivered.get();
    }

    /** Events the endpoint refused with a 4xx (not retried). */
    public long rejected() {
        return rejected.get();
    }

    /** Attempts that failed (5xx, 408, 429, connection), retried ones included. */
    public long failedAttempts() {
        return failedAttempts.get();
    }

    /** Deliveries that failed every attempt (the forwarder then starts over from the event). */
    public long failed() {
        return failed.get();
    }

    /** The longest wait between two attempts. */
    Duration maxBackoff() {
        return MAX_BACKOFF;
    }
}
