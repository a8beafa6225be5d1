package io.meshwarden.sla.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

class CoverageTest {
    private static final HostInfo A = new HostInfo("sla-a", 8080);
    private static final HostInfo B = new HostInfo("sla-b", 8080);

    @Test
    void aWholeAnswerSaysWhoAnsweredAndIsNotPartial() {
        MutableHttpResponse<String> response = Coverage.answered(A, Map.of()).and(Coverage.answered(B, Map.of()))
                .applyTo(HttpResponse.ok("[]"));

        assertThat(response.getHeaders().get("Meshwarden-Partial")).isEqualTo("false");
        assertThat(response.getHeaders().get("Meshwarden-Answered-By")).isEqualTo("sla-a:8080,sla-b:8080");
        assertThat(response.getHeaders().contains("Meshwarden-Unanswered")).isFalse();
        assertThat(response.getHeaders().contains("Meshwarden-Missing-Partitions")).isFalse();
    }

    @Test
    void partitionsNobodyAnsweredForMakeItPartialAndNameTheSilentInstance() {
        Coverage coverage = Coverage.answered(A, Map.of()).and(Coverage.missing("catalog-store", List.of(3, 1), List.of(B)));
        MutableHttpResponse<String> response = coverage.applyTo(HttpResponse.ok("[]"));

        assertThat(coverage.partial()).isTrue();
        assertThat(response.getHeaders().get("Meshwarden-Partial")).isEqualTo("true");
        assertThat(response.getHeaders().get("Meshwarden-Unanswered")).isEqualTo("sla-b:8080");
        assertThat(response.getHeaders().get("Meshwarden-Missing-Partitions")).isEqualTo("catalog-store/1,catalog-store/3");
    }

    @Test
    void aStandbyAnswerIsWholeButSaysItsLagWhichReadsBack() {
        Coverage coverage = Coverage.answered(A, Map.of("alerts-store/2", 7L, "alerts-store/0", 0L))
                .and(Coverage.missing("alerts-store", List.of(), List.of(B)));
        String header = coverage.applyTo(HttpResponse.ok("")).getHeaders().get("Meshwarden-Standby-Lag");

        assertThat(coverage.partial()).isFalse();
        assertThat(header).isEqualTo("alerts-store/0=0,alerts-store/2=7");
        assertThat(Coverage.lags(header)).isEqualTo(Map.of("alerts-store/0", 0L, "alerts-store/2", 7L));
        assertThat(Coverage.lags("alerts-store/1=soon, alerts-store/3=4")).isEqualTo(Map.of("alerts-store/3", 4L));
    }
}
