package io.meshwarden.quality.observed;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ObservedSettingsTest {

    @Test
    void theObservedAppRefreshesItsTopicsAtTheObservedRefreshInterval() {
        MeshwardenConfig config = MeshwardenConfig.load(Map.of(), Map.of(Settings.QUALITY_OBSERVED_REFRESH_MS.key(), "2000"));

        Properties streams = ObservedService.settings(config).streamsProperties(ObservedService.APPLICATION);

        assertThat(streams.getProperty("main.consumer.metadata.max.age.ms")).isEqualTo("2000");
        assertThat(config.streamsProperties("quality").getProperty("main.consumer.metadata.max.age.ms"))
                .as("only the observed app").isNull();
    }
}
