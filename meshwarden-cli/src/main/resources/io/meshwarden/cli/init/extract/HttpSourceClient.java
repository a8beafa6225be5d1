package {{package}};

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A {@link SourceClient} for a JSON pager: {@code GET <base>?cursor=<cursor>} answers
 * {@code {"rows": [...], "next": "<cursor>"|null, "controlTotals": {"<measure>": <total>}}}.
 * Any other status is an error naming it.
 */
public final class HttpSourceClient implements SourceClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;

    public HttpSourceClient(URI base) {
        this.base = base;
    }

    @Override
    public Page fetch(String cursor) throws IOException, InterruptedException {
        URI uri = cursor == null ? base : URI.create(base + "?cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + uri + " answered " + response.statusCode());
        }
        return JSON.readValue(response.body(), PageDocument.class).page();
    }

    /** The page as the pager writes it. */
    record PageDocument(java.util.List<java.util.Map<String, Object>> rows, String next,
                        java.util.Map<String, Double> controlTotals) {
        Page page() {
            return new Page(rows, next, controlTotals == null ? java.util.Map.of() : controlTotals);
        }
    }
}
