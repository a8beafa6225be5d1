package io.meshwarden.quality.observed;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.OutputPort;
import io.meshwarden.quality.rules.QualityRules;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which output topics a contract opts into observed mode: all of them, some by port name, or none. */
class ObservedOptInTest {
    private static final DataProductContract TWO_PORTS = twoPorts();

    @Test
    void kafkaObservedOptsInEveryPortAndObservedPortsOnlyThoseNamed() {
        assertThat(ObservedOptIn.topics(with(Map.of("kafka.observed", "true")))).containsExactly("orders.eu", "orders.us");
        assertThat(ObservedOptIn.topics(with(Map.of("kafka.observed.ports", "eu")))).containsExactly("orders.eu");
        assertThat(ObservedOptIn.topics(with(Map.of()))).isEmpty();
    }

    @Test
    void aValueThatDoesNotParseOptsNothingIn() {
        assertThat(ObservedOptIn.topics(with(Map.of("kafka.observed", "maybe", "kafka.observed.ports", "eu")))).isEmpty();
    }

    private static DataProductContract with(Map<String, String> properties) {
        return DataProductContract.newBuilder(TWO_PORTS).setProperties(properties).build();
    }

    private static DataProductContract twoPorts() {
        DataProductContract contract = QualityRules.contract("sales.orders");
        OutputPort port = contract.getOutputPorts().get(0);
        return DataProductContract.newBuilder(contract).setOutputPorts(List.of(
                OutputPort.newBuilder(port).setName("eu").setTopic("orders.eu").build(),
                OutputPort.newBuilder(port).setName("us").setTopic("orders.us").build())).build();
    }
}
