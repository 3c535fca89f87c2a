package dev.rejection.eval;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Precision and F1 at a base rate, against values computed by hand (arithmetic in the comments). */
class AtPrevalenceTest {
    private static final double EPS = 1e-9;

    @Test
    void realTrafficFromRecallAndFalseAlarms() {
        // recall 80 / 100 = 0.8, false alarms 10 / 1000 = 0.01, prevalence 0.012:
        // precision = 0.8·0.012 / (0.8·0.012 + 0.01·0.988) = 0.0096 / 0.01948 = 240/487 = 0.4928131
        // F1 = 2·(240/487)·0.8 / (240/487 + 0.8) = (384/487) / (629.6/487) = 384 / 629.6 = 0.6099110
        AtPrevalence at = AtPrevalence.of(new Confusion(80, 10, 990, 20), 0.012);
        assertThat(at.prevalence()).isEqualTo(0.012);
        assertThat(at.precision()).isCloseTo(240.0 / 487, within(EPS));
        assertThat(at.f1()).isCloseTo(384 / 629.6, within(EPS));
    }

    @Test
    void rangesComeFromTheCornersOfTheTwoRatesIntervals() {
        // 95% Wilson bounds, the roots p of (x/n - p)² = z²·p(1-p)/n: recall 80/100 → 0.711170834-0.866633067,
        // false alarms 10/1000 → 0.005440754-0.018309469. Lowest precision at (lowest recall, highest false alarms):
        // 0.711170834·0.012 / (0.711170834·0.012 + 0.018309469·0.988) = 0.320542084; highest at the other corner:
        // 0.866633067·0.012 / (0.866633067·0.012 + 0.005440754·0.988) = 0.659242840. F1 at the same corners:
        // 2·0.320542084·0.711170834 / (0.320542084 + 0.711170834) = 0.441906226, and 0.748844177.
        AtPrevalence at = AtPrevalence.of(new Confusion(80, 10, 990, 20), 0.012);
        assertThat(at.precisionRange().low()).isCloseTo(0.320542084, within(1e-8));
        assertThat(at.precisionRange().high()).isCloseTo(0.659242840, within(1e-8));
        assertThat(at.f1Range().low()).isCloseTo(0.441906226, within(1e-8));
        assertThat(at.f1Range().high()).isCloseTo(0.748844177, within(1e-8));
        assertThat(at.precision()).isBetween(at.precisionRange().low(), at.precisionRange().high());
    }

    @Test
    void theHandCheckedSetAtOneInTen() {
        // BinaryMetricsTest's set at 0.5: tp 4, fp 2, tn 3, fn 1 → recall 0.8, false alarms 2/5 = 0.4.
        // At P = 0.1: precision = 0.08 / (0.08 + 0.4·0.9) = 0.08 / 0.44 = 2/11; F1 = 2·(2/11)·0.8 / (2/11 + 0.8)
        //   = (16/55) / (54/55) = 8/27. The set's own mix (half refusals) gave precision 2/3.
        AtPrevalence at = AtPrevalence.of(new Confusion(4, 2, 3, 1), 0.1);
        assertThat(at.precision()).isCloseTo(2.0 / 11, within(EPS));
        assertThat(at.f1()).isCloseTo(8.0 / 27, within(EPS));
    }

    @Test
    void edges() {
        // no false alarm: every flagged answer is a refusal, whatever the prevalence; F1 = 2·1·0.5 / 1.5 = 2/3
        AtPrevalence clean = AtPrevalence.of(new Confusion(5, 0, 100, 5), 0.001);
        assertThat(clean.precision()).isEqualTo(1.0);
        assertThat(clean.f1()).isCloseTo(2.0 / 3, within(EPS));
        // nothing flagged: 0/0 precision counts as 0, as everywhere in the card
        AtPrevalence silent = AtPrevalence.of(new Confusion(0, 0, 10, 10), 0.5);
        assertThat(silent.precision()).isZero();
        assertThat(silent.f1()).isZero();
        // a set without normals (or without refusals) did not measure one of the two rates
        assertThat(AtPrevalence.of(new Confusion(3, 0, 0, 1), 0.1)).isNull();
        assertThat(AtPrevalence.of(new Confusion(0, 2, 8, 0), 0.1)).isNull();
    }

    @Test
    void prevalenceMustBeAShare() {
        for (double bad : new double[]{0, 1, -0.1, 1.5, Double.NaN}) {
            assertThatThrownBy(() -> AtPrevalence.of(new Confusion(1, 1, 1, 1), bad))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("prevalence");
        }
    }
}
