package io.meshwarden.governance.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshwarden.governance.properties.InvalidContractProperty;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AnomalyPropertiesTest {

    @Test
    void noPropertiesAreTheDefaults() {
        assertThat(AnomalyProperties.of(Map.of())).isEqualTo(AnomalySettings.DEFAULTS);
        assertThat(AnomalyProperties.of(null)).isEqualTo(AnomalySettings.DEFAULTS);
        assertThat(AnomalyProperties.of(Map.of("team.slack", "#paid-media"))).isEqualTo(AnomalySettings.DEFAULTS);
    }

    @Test
    void everySettingIsRead() {
        AnomalySettings settings = AnomalyProperties.of(Map.of(
                "anomaly.enabled", "TRUE", "anomaly.sensitivity", "5", "anomaly.direction", "Drop",
                "anomaly.minAbsoluteChange", "50", "anomaly.maintenance", "SUN 02:00-04:00; * 23:30-00:30",
                "anomaly.holidays", "2026-12-25, 2027-01-01"));

        assertThat(settings.enabled()).isTrue();
        assertThat(settings.sensitivity()).isEqualTo(5.0);
        assertThat(settings.direction()).contains(Direction.DROP);
        assertThat(settings.minAbsoluteChange()).isEqualTo(50.0);
        assertThat(settings.maintenance()).extracting(MaintenanceWindow::day)
                .containsExactly(Optional.of(DayOfWeek.SUNDAY), Optional.empty());
        assertThat(settings.holidays()).containsExactlyInAnyOrder(LocalDate.of(2026, 12, 25), LocalDate.of(2027, 1, 1));
        assertThat(AnomalyProperties.of(Map.of("anomaly.enabled", "false")).enabled()).isFalse();
    }

    @Test
    void aValueThatDoesNotParseIsRefusedNamingItsPropertyNeverDefaulted() {
        assertRefused(Map.of("anomaly.sensitivity", "high"), "anomaly.sensitivity", "must be a number");
        assertRefused(Map.of("anomaly.sensitivity", "-1"), "anomaly.sensitivity", "positive");
        assertRefused(Map.of("anomaly.sensitivity", "NaN"), "anomaly.sensitivity", "positive");
        assertRefused(Map.of("anomaly.minAbsoluteChange", "-5"), "anomaly.minAbsoluteChange", "zero or positive");
        assertRefused(Map.of("anomaly.direction", "down"), "anomaly.direction", "drop, spike, both");
        assertRefused(Map.of("anomaly.enabled", "yes"), "anomaly.enabled", "true or false");
        assertRefused(Map.of("anomaly.maintenance", "sundays"), "anomaly.maintenance", "DAY HH:MM-HH:MM");
        assertRefused(Map.of("anomaly.holidays", "25/12/2026"), "anomaly.holidays", "YYYY-MM-DD");
        assertRefused(Map.of("anomaly.sensitivty", "3"), "anomaly.sensitivty", "unknown anomaly setting");
    }

    private static void assertRefused(Map<String, String> properties, String property, String reason) {
        assertThatThrownBy(() -> AnomalyProperties.of(properties)).isInstanceOf(InvalidContractProperty.class)
                .hasMessageContaining(reason)
                .satisfies(e -> assertThat(((InvalidContractProperty) e).property()).isEqualTo(property));
    }
}
