package io.meshwarden.sla.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs a JSON body to one URL, retrying connection failures, timeouts, 429 and 5xx with backoff;
 * any other 4xx is final (the receiver refuses what it was sent, and sending it again will not
 * change that). Throws {@link DeliveryFailedException} when it gives up.
 */
final class HttpPoster {
    private static final Logger LOG = LoggerFactory.getLogger(HttpPoster.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI url;
    private final Retry retry;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    HttpPoster(URI url, Retry retry) {
        this.url = url;
        this.retry = retry;
    }

    void post(String body, Map<String, String> headers) {
        String last = "not sent";
        for (int attempt = 1; attempt <= retry.attempts(); attempt++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(TIMEOUT).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            headers.forEach(request::header);
            try {
                HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status / 100 == 2) {
                    return;
                }
                last = "HTTP " + status + " " + response.body();
                if (status / 100 == 4 && status != 429) {
                    throw new DeliveryFailedException(url + " refused the notification: " + last, null);
                }
            } catch (IOException e) {
                last = e.getClass().getSimpleName() + ": " + e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeliveryFailedException("interrupted while notifying " + url, e);
            }
            if (attempt < retry.attempts()) {
                LOG.warn("Notification to {} failed (attempt {} of {}): {}", url, attempt, retry.attempts(), last);
                pause(retry.backoffAfter(attempt));
            }
        }
        throw new DeliveryFailedException("gave up notifying " + url + " after " + retry.attempts() + " attempts: " + last, null);
    }

    private void pause(Duration backoff) {
        try {
            Thread.sleep(backoff.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailedException("interrupted while notifying " + url, e);
        }
    }
}
