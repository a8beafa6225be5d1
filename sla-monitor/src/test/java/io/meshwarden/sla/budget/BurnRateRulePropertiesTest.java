package io.meshwarden.sla.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/** The multi-window rule needs both windows burning: a long-past outage alone never pages. */
class BurnRateRulePropertiesTest {
    private static final ErrorBudget BUDGET = new ErrorBudget(99.9);
    private static final long NOW = Duration.ofDays(2).toMillis();

    @Property
    void anOutageThatEndedBeforeTheShortWindowNeverFires(@ForAll @LongRange(min = 0, max = 3_600_000) long length,
                                                         @ForAll @LongRange(min = 300_000, max = 3_600_000) long endedAgo) {
        Downtime downtime = Downtime.none().breach(NOW - endedAgo - length).recover(NOW - endedAgo);
        assertThat(BurnRateRule.FAST.fires(downtime, BUDGET, NOW)).isFalse();
    }

    @Property
    void anOngoingOutageFiresTheFastRuleExactlyOnceItSpent144xOverTheHour(
            @ForAll @LongRange(min = 0, max = 3_600_000) long downFor) {
        Downtime downtime = Downtime.none().breach(NOW - downFor);
        boolean expected = downFor / 3_600_000.0 / BUDGET.allowedDownFraction() >= 14.4;
        assertThat(BurnRateRule.FAST.fires(downtime, BUDGET, NOW)).isEqualTo(expected);
    }

    @Example
    void theSlowRuleNeedsSixTimesTheBudgetOverSixHours() {
        long sixHours = Duration.ofHours(6).toMillis();
        Downtime justBelow = Downtime.none().breach(NOW - (long) (0.006 * sixHours) + 1_000);
        Downtime justAbove = Downtime.none().breach(NOW - (long) (0.006 * sixHours) - 1_000);
        assertThat(BurnRateRule.SLOW.fires(justBelow, BUDGET, NOW)).isFalse();
        assertThat(BurnRateRule.SLOW.fires(justAbove, BUDGET, NOW)).isTrue();
    }
}
