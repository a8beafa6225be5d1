package io.meshwarden.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwarden.avro.ContractChange;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.schemas.Samples;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class DataProductPublisherTest {

    @Test
    void producerIsIdempotentAndWaitsForAllReplicas() {
        Properties props = MeshwardenConfig.defaults(Map.of()).producerProperties("domain-x");

        assertThat(props.getProperty("acks")).isEqualTo("all");
        assertThat(props.getProperty("enable.idempotence")).isEqualTo("true");
    }

    @Test
    void refusesAChangeWhoseProductIdDiffersFromItsContract() {
        DataProductContract contract = Samples.contract("email.send-engagement");
        ContractChange change = ContractChange.newBuilder(Samples.change(contract)).setProductId("email.other").build();

        try (DataProductPublisher publisher = DataProductPublisher.create(
                MeshwardenConfig.defaults(Map.of("meshwarden.bootstrap.servers", "127.0.0.1:1")), "t")) {
            assertThatThrownBy(() -> publisher.publishContractChange(change))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'email.other'").hasMessageContaining("'email.send-engagement'");
        }
    }
}
