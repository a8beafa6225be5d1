package io.meshwarden.bench.footprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFootprintTest {
    @TempDir
    Path state;

    @Test
    void aStateDirectoryWeighsEveryFileBelowIt() throws Exception {
        Files.write(state.resolve("CURRENT"), new byte[17]);
        Path store = Files.createDirectories(state.resolve("0_1/rocksdb/quality-buckets-store"));
        Files.write(store.resolve("000012.sst"), new byte[4_096]);

        assertThat(StateFootprint.directoryBytes(state)).isEqualTo(4_113);
        assertThat(StateFootprint.directoryBytes(state.resolve("absent"))).isZero();
    }

    @Test
    void describesBytesPerProduct() {
        assertThat(new StateFootprint(2_000, 5_000, 64L << 20, 128L << 20).describe(100))
                .isEqualTo("state 2,000 B local (20 B/product), 5,000 B in changelogs (50 B/product); resident 64 MiB (peak 128 MiB)");
    }
}
