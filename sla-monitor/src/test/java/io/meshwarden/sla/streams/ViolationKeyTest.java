package io.meshwarden.sla.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.schemas.Samples;
import org.junit.jupiter.api.Test;

class ViolationKeyTest {

    @Test
    void keyIsProductPrefixThenViolationId() {
        assertThat(ViolationKey.of(Samples.violation("paid-media.campaigns", "naming")))
                .isEqualTo("paid-media.campaigns|paid-media.campaigns/naming");
    }

    @Test
    void productIdHoldingTheSeparatorCannotMatchAnotherProductsKeys() {
        String odd = "paid-media.a|b";
        String keyOfOdd = ViolationKey.productPrefix(odd) + "v1";

        assertThat(keyOfOdd).startsWith(ViolationKey.productPrefix(odd));
        assertThat(keyOfOdd).doesNotStartWith(ViolationKey.productPrefix("paid-media.a"));
        assertThat(ViolationKey.productPrefix("paid-media.a\\")).isNotEqualTo(ViolationKey.productPrefix("paid-media.a|"));
    }
}
