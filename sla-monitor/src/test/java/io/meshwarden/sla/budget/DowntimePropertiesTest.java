package io.meshwarden.sla.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/** Invariants of outage arithmetic over any sequence of breaches and recoveries. */
class DowntimePropertiesTest {

    @Property
    void downtimeOfAWindowNeverExceedsItsLengthNorGoesNegative(@ForAll("histories") Downtime downtime,
                                                               @ForAll @LongRange(min = 0, max = 2_000_000) long from,
                                                               @ForAll @LongRange(min = 0, max = 2_000_000) long length) {
        long down = downtime.downMs(from, from + length);
        assertThat(down).isBetween(0L, length);
    }

    @Property
    void adjacentWindowsAddUp(@ForAll("histories") Downtime downtime,
                              @ForAll @LongRange(min = 0, max = 1_000_000) long from,
                              @ForAll @LongRange(min = 0, max = 1_000_000) long first,
                              @ForAll @LongRange(min = 0, max = 1_000_000) long second) {
        long split = from + first;
        long end = split + second;
        assertThat(downtime.downMs(from, split) + downtime.downMs(split, end)).isEqualTo(downtime.downMs(from, end));
    }

    @Property
    void forgettingOldOutagesDoesNotChangeLaterWindows(@ForAll("histories") Downtime downtime,
                                                       @ForAll @LongRange(min = 0, max = 2_000_000) long before,
                                                       @ForAll @LongRange(min = 0, max = 1_000_000) long length) {
        assertThat(downtime.forgetBefore(before).downMs(before, before + length))
                .isEqualTo(downtime.downMs(before, before + length));
    }

    @Property
    void repeatedBreachesDoNotRestartAnOutage(@ForAll("histories") Downtime downtime,
                                              @ForAll @LongRange(min = 0, max = 2_000_000) long at) {
        Downtime once = downtime.breach(at);
        assertThat(once.breach(at + 1000)).isEqualTo(once);
    }

    @Example
    void anOutageInProgressCountsUpToTheEndOfTheWindow() {
        Downtime downtime = Downtime.none().breach(1_000).recover(2_000).breach(5_000);
        assertThat(downtime.downMs(0, 10_000)).isEqualTo(1_000 + 5_000);
        assertThat(downtime.downMs(1_500, 6_000)).isEqualTo(500 + 1_000);
        assertThat(downtime.down()).isTrue();
    }

    @Provide
    Arbitrary<Downtime> histories() {
        // Events in time order, each either a breach or a recovery: the quality topology's stream per product.
        return Arbitraries.longs().between(0, 100_000).list().ofMaxSize(30).flatMap(gaps ->
                Arbitraries.of(true, false).list().ofSize(gaps.size()).map(kinds -> replay(gaps, kinds)));
    }

    private static Downtime replay(List<Long> gaps, List<Boolean> breaches) {
        Downtime downtime = Downtime.none();
        long at = 0;
        for (int i = 0; i < gaps.size(); i++) {
            at += gaps.get(i);
            downtime = breaches.get(i) ? downtime.breach(at) : downtime.recover(at);
        }
        return downtime;
    }
}
