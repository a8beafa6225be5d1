package io.meshwarden.sla.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwarden.avro.ViolationStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ViolationQueryTest {

    @Test
    void absentOrBlankParametersMeanNoFilterAndTheDefaultLimit() {
        assertThat(ViolationQuery.parse(null, " ", null, ""))
                .isEqualTo(new ViolationQuery(null, null, null, ViolationQuery.DEFAULT_LIMIT));
    }

    @Test
    void statusIsReadInAnyCase() {
        assertThat(ViolationQuery.parse("p.x", "p", "recovery", "5").status()).isEqualTo(ViolationStatus.RECOVERY);
    }

    @ParameterizedTest
    @CsvSource({"limit, abc", "limit, 0", "limit, 1001", "limit, -3", "status, open"})
    void badParameterIsRejectedNamingItsField(String field, String value) {
        String limit = field.equals("limit") ? value : null;
        String status = field.equals("status") ? value : null;

        assertThatThrownBy(() -> ViolationQuery.parse(null, null, status, limit))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.field()).isEqualTo(field))
                .hasMessageContaining(value);
    }
}
