package io.meshwarden.quality.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CountTailTest {

    @Test
    void anEmptyHourOfTenExpectedScoresItsPoissonTailNotAGaussiansDistance() {
        // P(X = 0 | 10) = e^-10 = 4.54e-5: 3.91 deviations of a standard normal, where (0 − 10) / √10 is only 3.16.
        assertThat(CountTail.score(0, 10, 0)).isCloseTo(-3.913, within(0.005));
    }

    @Test
    void aLargeCountsTailIsCloseToTheGaussians() {
        // (170 − 200) / √200 = −2.12: at 200 expected the count and the Gaussian agree to the continuity of a count.
        assertThat(CountTail.score(170, 200, 0)).isCloseTo(-2.15, within(0.1));
        assertThat(CountTail.inverseNormal(CountTail.upperNormalTail(3.0))).isCloseTo(-3.0, within(1e-6));
    }

    @Test
    void overdispersionMakesTheSameCountLessSurprising() {
        assertThat(CountTail.score(2, 20, 0.05)).isGreaterThan(CountTail.score(2, 20, 0)).isNegative();
        assertThat(CountTail.score(40, 20, 0.05)).isLessThan(CountTail.score(40, 20, 0)).isPositive();
    }

    @Test
    void aCountAtItsMeanScoresNothingAndOneFarAboveTheMost() {
        assertThat(CountTail.score(20, 20, 0)).isZero();
        assertThat(CountTail.score(1e6, 20, 0.1)).isEqualTo(8.0);
    }

    @Test
    void theBandHoldsExactlyTheCountsScoringWithinTheSensitivity() {
        for (double mean : new double[] {0.5, 3, 12.5, 40, 199}) {
            for (double overdispersion : new double[] {0, 0.01, 0.05}) {
                double[] band = CountTail.band(mean, overdispersion, 3.5);
                for (int count = 0; count < 400; count++) {
                    double score = CountTail.score(count, mean, overdispersion);
                    boolean inside = count >= band[0] && count <= band[1];
                    assertThat(Math.abs(score) <= 3.5).as("count %d of mean %s", count, mean).isEqualTo(inside);
                }
            }
        }
    }
}
