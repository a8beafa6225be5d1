package io.meshwarden.sla.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwarden.config.MeshwardenConfig;
import java.util.Map;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class AdvertisedAddressTest {

    @Test
    void withoutTheSettingTheInstanceIsLocalhostAtTheBoundPort() {
        assertThat(AdvertisedAddress.of(MeshwardenConfig.defaults(Map.of())).resolve(41_234))
                .isEqualTo(new HostInfo("localhost", 41_234));
    }

    @Test
    void theSettingWinsOverTheBoundPort() {
        MeshwardenConfig config = MeshwardenConfig.defaults(Map.of("meshwarden.application.server", " sla-2.mesh.internal:8080 "));

        assertThat(AdvertisedAddress.of(config).resolve(41_234)).isEqualTo(new HostInfo("sla-2.mesh.internal", 8080));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sla-2", "sla-2:", ":8080", "sla-2:http", "sla-2:0", "sla-2:65536", "sla-2:99999999999", "http://sla-2:8080"})
    void aMalformedAddressStopsTheStartNamingTheSetting(String value) {
        MeshwardenConfig config = MeshwardenConfig.defaults(Map.of("meshwarden.application.server", value));

        assertThatThrownBy(() -> AdvertisedAddress.of(config)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("meshwarden.application.server must be host:port").hasMessageContaining("'" + value + "'");
    }

    @Test
    void kafkasOwnKeyIsRefusedForTheServiceSetsIt() {
        MeshwardenConfig config = MeshwardenConfig.defaults(Map.of("kafka.application.server", "sla-2:8080"));

        assertThatThrownBy(() -> AdvertisedAddress.of(config)).hasMessageContaining("set meshwarden.application.server");
    }
}
