package io.meshwarden.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReplicationTest {

    @Test
    void decidesThreeReplicasTwoInSyncFromThreeBrokersOn() {
        assertThat(Replication.decide(Replication.FROM_CLUSTER, 1)).isEqualTo(new Replication((short) 1, 1));
        assertThat(Replication.decide(Replication.FROM_CLUSTER, 2)).isEqualTo(new Replication((short) 2, 1));
        assertThat(Replication.decide(Replication.FROM_CLUSTER, 3)).isEqualTo(new Replication((short) 3, 2));
        assertThat(Replication.decide(Replication.FROM_CLUSTER, 7)).isEqualTo(new Replication((short) 3, 2));
    }

    @Test
    void anExplicitFactorWinsWhateverTheClusterSize() {
        assertThat(Replication.decide(1, 3)).isEqualTo(new Replication((short) 1, 1));
        assertThat(Replication.decide(5, 3)).isEqualTo(new Replication((short) 5, 2));
    }

    @Test
    void refusesAFactorThatIsNeitherMinusOneNorPositive() {
        assertThatThrownBy(() -> Replication.decide(0, 3)).hasMessageContaining("not 0");
        assertThatThrownBy(() -> Replication.decide(-2, 3)).hasMessageContaining("not -2");
    }
}
