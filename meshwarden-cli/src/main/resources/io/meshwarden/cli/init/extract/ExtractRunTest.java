package {{package}};

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import com.sun.net.httpserver.HttpServer;
import io.meshwarden.avro.MetricEvent;
import io.meshwarden.testkit.Mesh;
import io.meshwarden.testkit.MeshwardenTest;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The extraction against a stub of the platform's pager (two pages), on a running mesh. */
@MeshwardenTest
class ExtractRunTest {
    private static final String FIRST = "{\"rows\": [{\"campaign_id\": \"c-1\", \"spend_micros\": 1500000, \"clicks\": 30},"
            + " {\"campaign_id\": \"c-2\", \"spend_micros\": 500000, \"clicks\": 10}], \"next\": \"page-2\"}";
    private static final String SECOND = "{\"rows\": [{\"campaign_id\": \"c-3\", \"spend_micros\": 1000000, \"clicks\": 20}],"
            + " \"next\": null, \"controlTotals\": {\"spend_micros\": 3000000, \"clicks\": 60}}";

    private HttpServer platform;
    private final List<String> requests = new ArrayList<>();

    @BeforeEach
    void startPlatformStub() throws Exception {
        platform = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        platform.createContext("/campaigns", exchange -> {
            String query = exchange.getRequestURI().getQuery();
            requests.add(String.valueOf(query));
            byte[] body = (query == null ? FIRST : query.equals("cursor=page-2") ? SECOND : "{}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(query == null || query.equals("cursor=page-2") ? 200 : 404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        platform.start();
    }

    @AfterEach
    void stopPlatformStub() {
        platform.stop(0);
    }

    @Test
    void loadsEveryPageIntoTheProductTopicAndItsRunBreachesNothing(Mesh mesh) throws Exception {
        ProductContract contract = ProductContract.load();
        mesh.assertAccepted(contract.contract());

        MetricEvent run = ExtractMain.extract(mesh.config(), source());

        assertThat(requests).containsExactly("null", "cursor=page-2");
        assertThat(run.getRecordsLoaded()).isEqualTo(3);
        assertThat(run.getLoadedTotals()).containsEntry("spend_micros", 3_000_000.0).containsEntry("clicks", 60.0);
        assertThat(run.getControlTotals()).isEqualTo(run.getLoadedTotals());
        assertThat(TopicRecords.read(mesh.config(), contract.outputTopic(), 3)).extracting(ConsumerRecord::key).containsExactly("c-1", "c-2", "c-3");
        mesh.assertNoBreach(run);
    }

    @Test
    void paceIsTheContractsRateLimitAndAFailingPageIsAnErrorNamingIt() {
        assertThat(RateLimit.parse("600/minute").interval()).isEqualTo(Duration.ofMillis(100));
        assertThat(RateLimit.parse(ProductContract.load().property("api-rate-limit")).interval()).isPositive();
        assertThatThrownBy(() -> RateLimit.parse("fast")).hasMessageContaining("api-rate-limit");
        assertThatThrownBy(() -> source().fetch("page-9")).hasMessageContaining("answered 404");
    }

    private SourceClient source() {
        return new HttpSourceClient(URI.create("http://127.0.0.1:" + platform.getAddress().getPort() + "/campaigns"));
    }
}
