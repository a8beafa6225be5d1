package io.meshwarden.governance.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.governance.properties.InvalidContractProperty;
import io.meshwarden.governance.validation.ContractChecks;
import io.meshwarden.schemas.DeadLetterReason;
import io.meshwarden.schemas.Samples;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicPropertiesTest {

    @Test
    void noPropertiesLeaveEverythingToThePlatform() {
        assertThat(TopicProperties.of(null)).isEqualTo(TopicProperties.NONE);
        assertThat(TopicProperties.of(Map.of("team.slack", "#paid-media"))).isEqualTo(TopicProperties.NONE);
    }

    @Test
    void partitionsAndCleanupPolicyAreRead() {
        TopicProperties read = TopicProperties.of(Map.of("kafka.partitions", " 12 ", "kafka.cleanup.policy", "Delete, COMPACT"));

        assertThat(read.partitions()).hasValue(12);
        assertThat(read.cleanupPolicy()).contains(TopicProperties.COMPACT_DELETE);
        assertThat(TopicProperties.of(Map.of("kafka.cleanup.policy", "compact")).cleanupPolicy()).contains("compact");
        assertThat(read.observed()).isFalse();
        assertThat(TopicProperties.of(Map.of("kafka.observed", "TRUE")).observed()).isTrue();
    }

    @Test
    void aValueThatDoesNotParseIsRefusedNamingItsProperty() {
        assertRefused(Map.of("kafka.partitions", "many"), "kafka.partitions", "whole number from 1 to 1024");
        assertRefused(Map.of("kafka.partitions", "0"), "kafka.partitions", "whole number from 1 to 1024");
        assertRefused(Map.of("kafka.partitions", "1025"), "kafka.partitions", "whole number from 1 to 1024");
        assertRefused(Map.of("kafka.cleanup.policy", "forever"), "kafka.cleanup.policy", "delete, compact or compact,delete");
        assertRefused(Map.of("kafka.partition", "3"), "kafka.partition", "unknown Kafka topic setting");
        assertRefused(Map.of("kafka.observed", "yes"), "kafka.observed", "true or false");
        assertRefused(Map.of("kafka.observed.ports", "main,,eu"), "kafka.observed.ports", "none empty");
    }

    @Test
    void portsOptedInOneByOneAreObservedAndTheOthersNot() {
        TopicProperties read = TopicProperties.of(Map.of("kafka.observed.ports", " main , eu"));

        assertThat(read.observedPorts()).containsExactlyInAnyOrder("main", "eu");
        assertThat(read.observes("eu")).isTrue();
        assertThat(read.observes("us")).isFalse();
        assertThat(TopicProperties.of(Map.of("kafka.observed", "true")).observes("us")).isTrue();
    }

    @Test
    void governanceRefusesObservedPortsThatNameNoPortOfTheContract() {
        DataProductContract contract = DataProductContract.newBuilder(Samples.contract("paid-media.campaign-performance"))
                .setProperties(Map.of("kafka.observed.ports", "nowhere")).build();

        assertThat(ContractChecks.check(Samples.change(contract))).hasValueSatisfying(invalid ->
                assertThat(invalid.field()).isEqualTo("contract.properties.kafka.observed.ports"));
    }

    @Test
    void governanceRefusesAContractWhoseTopicPropertyDoesNotParse() {
        DataProductContract contract = DataProductContract.newBuilder(Samples.contract("paid-media.campaign-performance"))
                .setProperties(Map.of("kafka.partitions", "many")).build();

        assertThat(ContractChecks.check(Samples.change(contract))).hasValueSatisfying(invalid -> {
            assertThat(invalid.reason()).isEqualTo(DeadLetterReason.INVALID_SETTING);
            assertThat(invalid.field()).isEqualTo("contract.properties.kafka.partitions");
        });
        DataProductContract valid = DataProductContract.newBuilder(contract).setProperties(Map.of("kafka.partitions", "6")).build();
        assertThat(ContractChecks.check(Samples.change(valid))).isEmpty();
    }

    private static void assertRefused(Map<String, String> properties, String property, String reason) {
        assertThatThrownBy(() -> TopicProperties.of(properties)).isInstanceOf(InvalidContractProperty.class)
                .hasMessageContaining(reason)
                .satisfies(e -> assertThat(((InvalidContractProperty) e).property()).isEqualTo(property));
    }
}
