package io.meshwarden.sla;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A malformed address for the other instances stops the start before anything binds or connects. */
class SlaMonitorStartTest {

    @Test
    void aMalformedApplicationServerStopsTheStartNamingTheSetting() {
        assertThatThrownBy(() -> SlaMonitor.start(Map.of("micronaut.server.port", "-1",
                "meshwarden.bootstrap.servers", "localhost:1", "meshwarden.application.server", "sla-2:http")))
                .rootCause().hasMessageContaining("meshwarden.application.server must be host:port")
                .hasMessageContaining("'sla-2:http'");
    }
}
