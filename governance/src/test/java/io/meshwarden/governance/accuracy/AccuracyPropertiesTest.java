package io.meshwarden.governance.accuracy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.governance.properties.InvalidContractProperty;
import io.meshwarden.governance.validation.ContractChecks;
import io.meshwarden.schemas.DeadLetterReason;
import io.meshwarden.schemas.Samples;
import io.meshwarden.schemas.validation.InvalidEvent;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** accuracy.measures read from a contract's properties, or refused naming the property. */
class AccuracyPropertiesTest {
    /** The sample's schema: campaign_id (string), clicks (long), email (nullable string). */
    private static DataProductContract with(Map<String, String> properties) {
        return DataProductContract.newBuilder(Samples.contract("paid-media.campaign-performance"))
                .setProperties(properties).build();
    }

    @Test
    void declaresNoMeasureWithoutTheProperty() {
        assertThat(AccuracyProperties.measures(with(Map.of()))).isEmpty();
    }

    @Test
    void readsTheNamedNumericFieldsInOrderTrimmedAndOnce() {
        assertThat(AccuracyProperties.measures(with(Map.of("accuracy.measures", " clicks ,clicks,")))).containsExactly("clicks");
    }

    @Test
    void refusesAFieldTheContractDoesNotHave() {
        assertThatThrownBy(() -> AccuracyProperties.measures(with(Map.of("accuracy.measures", "clicks, spend"))))
                .isInstanceOf(InvalidContractProperty.class)
                .hasMessage("accuracy.measures: 'spend' is not a field of the contract");
    }

    @Test
    void refusesAFieldThatIsNotNumeric() {
        assertThatThrownBy(() -> AccuracyProperties.measures(with(Map.of("accuracy.measures", "email"))))
                .hasMessageContaining("'email' is a union field").hasMessageContaining("must be numeric");
    }

    @Test
    void refusesAnUnknownAccuracyKeyAndAnEmptyList() {
        assertThatThrownBy(() -> AccuracyProperties.measures(with(Map.of("accuracy.measure", "clicks"))))
                .hasMessageStartingWith("accuracy.measure: unknown accuracy setting");
        assertThatThrownBy(() -> AccuracyProperties.measures(with(Map.of("accuracy.measures", " , "))))
                .hasMessageStartingWith("accuracy.measures: names 1 to 32 fields");
    }

    @Test
    void governanceRefusesTheContractNamingTheProperty() {
        InvalidEvent invalid = ContractChecks.check(Samples.change(with(Map.of("accuracy.measures", "spend")))).orElseThrow();

        assertThat(invalid.reason()).isEqualTo(DeadLetterReason.INVALID_SETTING);
        assertThat(invalid.field()).isEqualTo("contract.properties.accuracy.measures");
    }
}
