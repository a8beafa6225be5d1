package io.meshwarden.sla.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.time.Duration;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;
import net.jqwik.api.constraints.LongRange;

/** Availability, burn rate and remaining budget agree with each other for any target and downtime. */
class ErrorBudgetPropertiesTest {
    private static final long MONTH = Duration.ofDays(30).toMillis();

    @Property
    void availabilityStaysBetweenZeroAndOne(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 2) long down,
                                            @ForAll @LongRange(min = 1, max = Long.MAX_VALUE / 2) long window) {
        assertThat(ErrorBudget.availability(down, window)).isBetween(0.0, 1.0);
    }

    @Property
    void remainingBudgetIsOneMinusTheBurnRateOverThePeriod(@ForAll @DoubleRange(min = 90, max = 99.999) @Scale(3) double target,
                                                           @ForAll @LongRange(min = 0, max = 30L * 24 * 3_600_000) long down) {
        ErrorBudget budget = new ErrorBudget(target);
        assertThat(budget.remaining(down, MONTH)).isCloseTo(1 - budget.burnRate(down, MONTH), offset(1e-9));
    }

    @Property
    void spendingExactlyTheAllowedDowntimeLeavesNothingAtBurnRateOne(@ForAll @DoubleRange(min = 90, max = 99.999) @Scale(3) double target) {
        ErrorBudget budget = new ErrorBudget(target);
        long allowed = Math.round(budget.allowedDownFraction() * MONTH);
        assertThat(budget.burnRate(allowed, MONTH)).isCloseTo(1, offset(1e-6));
        assertThat(budget.remaining(allowed, MONTH)).isCloseTo(0, offset(1e-6));
    }

    @Property
    void moreDowntimeNeverLeavesMoreBudget(@ForAll @DoubleRange(min = 90, max = 99.999) @Scale(3) double target,
                                           @ForAll @LongRange(min = 0, max = 1_000_000_000) long down,
                                           @ForAll @LongRange(min = 0, max = 1_000_000_000) long more) {
        ErrorBudget budget = new ErrorBudget(target);
        assertThat(budget.remaining(down + more, MONTH)).isLessThanOrEqualTo(budget.remaining(down, MONTH));
    }

    @Example
    void the999TargetAllows43MinutesA30DayMonthAndBurning144xSpendsItIn50Hours() {
        ErrorBudget budget = new ErrorBudget(99.9);
        assertThat(budget.allowedDownFraction() * MONTH / 60_000.0).isCloseTo(43.2, offset(1e-9));
        long hour = Duration.ofHours(1).toMillis();
        assertThat(budget.burnRate(Math.round(0.0144 * hour), hour)).isCloseTo(14.4, offset(1e-9));
        assertThat(MONTH / 14.4 / hour).isCloseTo(50, offset(1e-9));
    }

    @Example
    void aTargetOf100PercentHasNoBudgetAndIsRefused() {
        assertThatThrownBy(() -> new ErrorBudget(100)).isInstanceOf(IllegalArgumentException.class);
    }
}
