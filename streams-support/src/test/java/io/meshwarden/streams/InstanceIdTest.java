package io.meshwarden.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceIdTest {
    private static final MeshwardenConfig DEFAULTS = MeshwardenConfig.defaults(Map.of());

    @Test
    void keepsTheGeneratedIdInTheStateDirectorySoARestartIsTheSameMember(@TempDir Path stateDir) {
        String first = InstanceId.of(DEFAULTS, "mesh-quality", stateDir.toString());

        assertThat(InstanceId.of(DEFAULTS, "mesh-quality", stateDir.toString())).isEqualTo(first);
        assertThat(stateDir.resolve("mesh-quality").resolve(InstanceId.FILE)).exists();
    }

    @Test
    void twoStateDirectoriesOnOneHostAreTwoMembers(@TempDir Path one, @TempDir Path other) {
        assertThat(InstanceId.of(DEFAULTS, "mesh-quality", one.toString()))
                .isNotEqualTo(InstanceId.of(DEFAULTS, "mesh-quality", other.toString()));
    }

    @Test
    void theSettingWinsAndNothingIsWritten(@TempDir Path stateDir) throws Exception {
        MeshwardenConfig named = MeshwardenConfig.defaults(Map.of(Settings.INSTANCE_ID.key(), "pod-1"));

        assertThat(InstanceId.of(named, "mesh-quality", stateDir.toString())).isEqualTo("pod-1");
        try (var files = Files.list(stateDir)) {
            assertThat(files).isEmpty();
        }
    }
}
