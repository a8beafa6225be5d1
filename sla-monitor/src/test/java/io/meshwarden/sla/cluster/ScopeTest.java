package io.meshwarden.sla.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwarden.sla.api.InvalidParameterException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScopeTest {

    @Test
    void aClientsRequestAsksForTheWholeCluster() {
        assertThat(Scope.of(HttpRequest.GET("/api/catalog"))).isEqualTo(Scope.CLUSTER);
    }

    @Test
    void theHeadersAPeerIsSentAreReadBackAsTheSameScope() {
        Scope asked = Scope.ofPartitions(Set.of(3, 1), true);
        MutableHttpRequest<Object> request = HttpRequest.GET("/api/catalog");
        asked.headers().forEach(request::header);

        assertThat(asked.headers()).isEqualTo(Map.of("Meshwarden-Scope", "local", "Meshwarden-Partitions", "1,3",
                "Meshwarden-Stale", "true"));
        assertThat(Scope.of(request)).isEqualTo(asked);
        assertThat(Scope.of(HttpRequest.GET("/").header("Meshwarden-Scope", "LOCAL"))).isEqualTo(Scope.LOCAL_ACTIVE);
    }

    @Test
    void aBadHeaderIsA400NamingIt() {
        assertField(HttpRequest.GET("/").header("Meshwarden-Scope", "cluster"), "Meshwarden-Scope");
        assertField(HttpRequest.GET("/").header("Meshwarden-Scope", "local").header("Meshwarden-Partitions", "1,x"),
                "Meshwarden-Partitions");
        assertField(HttpRequest.GET("/").header("Meshwarden-Scope", "local").header("Meshwarden-Partitions", "-1"),
                "Meshwarden-Partitions");
        assertField(HttpRequest.GET("/").header("Meshwarden-Scope", "local").header("Meshwarden-Stale", "maybe"),
                "Meshwarden-Stale");
    }

    private static void assertField(HttpRequest<?> request, String field) {
        assertThatThrownBy(() -> Scope.of(request)).isInstanceOfSatisfying(InvalidParameterException.class,
                e -> assertThat(e.field()).isEqualTo(field));
    }
}
