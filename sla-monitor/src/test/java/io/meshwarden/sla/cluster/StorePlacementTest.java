package io.meshwarden.sla.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

class StorePlacementTest {
    private static final HostInfo A = new HostInfo("sla-a", 8080);
    private static final HostInfo B = new HostInfo("sla-b", 8080);
    private static final HostInfo C = new HostInfo("sla-c", 8080);
    private final StorePlacement placement = new StorePlacement("alerts-store", new TreeMap<>(Map.of(0, A, 1, B, 2, A, 3, C)),
            new TreeMap<>(Map.of(0, List.of(B), 1, List.of(C, A), 3, List.of(B))));

    @Test
    void eachActiveHostIsAskedForItsOwnPartitions() {
        assertThat(placement.byActiveHost()).isEqualTo(Map.of(A, new TreeSet<>(Set.of(0, 2)), B, new TreeSet<>(Set.of(1)),
                C, new TreeSet<>(Set.of(3))));
        assertThat(placement.partitions()).containsExactly(0, 1, 2, 3);
    }

    @Test
    void theSilentHostsPartitionsGoToTheFirstStandbyThatIsNotSilentToo() {
        // B and C did not answer: partition 1 falls back to A; 3 has only B's copy and stays missing.
        assertThat(placement.byStandbyHost(List.of(1, 3), List.of(B, C))).isEqualTo(Map.of(A, new TreeSet<>(Set.of(1))));
        assertThat(placement.byStandbyHost(List.of(1, 3), List.of(C))).isEqualTo(Map.of(A, new TreeSet<>(Set.of(1)),
                B, new TreeSet<>(Set.of(3))));
    }
}
