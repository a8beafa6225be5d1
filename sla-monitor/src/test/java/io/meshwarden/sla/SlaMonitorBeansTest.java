package io.meshwarden.sla;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.sla.api.ViolationController;
import io.meshwarden.sla.streams.SlaStreams;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

class SlaMonitorBeansTest {

    @Test
    void anotherMicronautContextOnTheClasspathDoesNotGetTheServiceBeans() {
        try (ApplicationContext other = ApplicationContext.run()) {
            assertThat(other.containsBean(SlaStreams.class)).isFalse();
            assertThat(other.containsBean(ViolationController.class)).isFalse();
            assertThat(other.containsBean(MeshwardenConfig.class)).isFalse();
        }
    }
}
