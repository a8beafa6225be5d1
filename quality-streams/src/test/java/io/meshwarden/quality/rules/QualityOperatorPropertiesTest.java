package io.meshwarden.quality.rules;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The ODCS operators: each pair of opposites splits every value in two, and the bounds of a between are inclusive. */
class QualityOperatorPropertiesTest {

    @Property
    void mustBeAndMustNotBeAreOpposites(@ForAll @IntRange(min = -50, max = 50) int value, @ForAll @IntRange(min = -50, max = 50) int threshold) {
        assertThat(QualityOperator.MUST_BE.holds(value, threshold, threshold))
                .isNotEqualTo(QualityOperator.MUST_NOT_BE.holds(value, threshold, threshold))
                .isEqualTo(value == threshold);
    }

    @Property
    void greaterThanIsTheOppositeOfLessOrEqual(@ForAll double value, @ForAll double threshold) {
        assertThat(QualityOperator.MUST_BE_GREATER_THAN.holds(value, threshold, threshold))
                .isNotEqualTo(QualityOperator.MUST_BE_LESS_OR_EQUAL_TO.holds(value, threshold, threshold))
                .isEqualTo(value > threshold);
    }

    @Property
    void lessThanIsTheOppositeOfGreaterOrEqual(@ForAll double value, @ForAll double threshold) {
        assertThat(QualityOperator.MUST_BE_LESS_THAN.holds(value, threshold, threshold))
                .isNotEqualTo(QualityOperator.MUST_BE_GREATER_OR_EQUAL_TO.holds(value, threshold, threshold))
                .isEqualTo(value < threshold);
    }

    @Property
    void betweenIsInclusiveAndNotBetweenItsOpposite(@ForAll @IntRange(min = -20, max = 20) int value,
                                                    @ForAll @IntRange(min = -20, max = 20) int low,
                                                    @ForAll @IntRange(min = 0, max = 20) int width) {
        int high = low + width;
        boolean between = QualityOperator.MUST_BE_BETWEEN.holds(value, low, high);

        assertThat(between).isEqualTo(low <= value && value <= high);
        assertThat(QualityOperator.MUST_NOT_BE_BETWEEN.holds(value, low, high)).isEqualTo(!between);
    }

    @Example
    void everyOdcsNameIsKnown() {
        for (String name : new String[] {"mustBe", "mustNotBe", "mustBeGreaterThan", "mustBeGreaterOrEqualTo", "mustBeLessThan",
                "mustBeLessOrEqualTo", "mustBeBetween", "mustNotBeBetween"}) {
            assertThat(QualityOperator.named(name)).map(QualityOperator::odcsName).contains(name);
        }
        assertThat(QualityOperator.named("mustBeAbout")).isEmpty();
    }
}
