package dev.rejection.eval;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ProportionTest {

    /**
     * The published Wilson intervals (method 3, "score method without continuity correction") of Newcombe, "Two-sided
     * confidence intervals for the single proportion: comparison of seven methods", Statistics in Medicine 17 (1998),
     * Table II, given to four decimals.
     */
    @Test
    void wilsonIntervalsMatchNewcombesTable() {
        assertInterval(new Proportion(81, 263), 0.2553, 0.3662);
        assertInterval(new Proportion(15, 148), 0.0624, 0.1605);
        assertInterval(new Proportion(0, 20), 0.0000, 0.1611);
        assertInterval(new Proportion(1, 29), 0.0061, 0.1718);
    }

    @Test
    void theEndsAreExactAndTheIntervalIsSymmetricAroundAHalf() {
        // 0 of 20 and 20 of 20 mirror each other: 1 - 0.1611 = 0.8389
        Proportion.Interval all = new Proportion(20, 20).wilson(Proportion.Z_95);
        assertThat(all.high()).isEqualTo(1.0);
        assertThat(all.low()).isCloseTo(0.8389, within(5e-5));
        assertThat(new Proportion(0, 20).wilson(Proportion.Z_95).low()).isEqualTo(0.0);
        // 5 of 10: centre 0.5, half-width 1.95996/1.38415 * sqrt(0.025 + 0.0096036) = 1.41601 * 0.186021 = 0.263407
        Proportion.Interval half = new Proportion(5, 10).wilson(Proportion.Z_95);
        assertThat(half.low()).isCloseTo(0.5 - 0.263407, within(1e-5));
        assertThat(half.high()).isCloseTo(0.5 + 0.263407, within(1e-5));
    }

    @Test
    void aboveCountsStrictlyAboveTheThreshold() {
        Proportion p = Proportion.above(new double[]{0.1, 0.5, 0.50001, 0.9, 1.0}, 0.5);
        assertThat(p.count()).isEqualTo(3); // 0.5 itself is not above 0.5: the Verdict rule is score > threshold
        assertThat(p.n()).isEqualTo(5);
        assertThat(p.share()).isEqualTo(0.6);
    }

    @Test
    void refusesWhatIsNoShare() {
        assertThatThrownBy(() -> new Proportion(0, 0)).hasMessageContaining("at least one text, got n = 0");
        assertThatThrownBy(() -> new Proportion(4, 3)).hasMessageContaining("count must be in [0, 3], got 4");
        assertThatThrownBy(() -> Proportion.above(new double[0], 0.5)).hasMessageContaining("n = 0");
        assertThatThrownBy(() -> new Proportion(1, 2).wilson(0)).hasMessageContaining("z must be a positive number");
    }

    private static void assertInterval(Proportion p, double low, double high) {
        Proportion.Interval i = p.wilson(Proportion.Z_95);
        assertThat(i.low()).as("low of %d/%d", p.count(), p.n()).isCloseTo(low, within(5e-5));
        assertThat(i.high()).as("high of %d/%d", p.count(), p.n()).isCloseTo(high, within(5e-5));
    }
}
