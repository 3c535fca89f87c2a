package dev.rejection.eval;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Reliability bins and ECE against values computed by hand (arithmetic in the comments). */
class CalibrationTest {
    private static final double EPS = 1e-9;

    @Test
    void twoBins() {
        // [0, 0.5): 0.2 (normal), 0.4 (refusal) → mean 0.3, refusal share 0.5, gap 0.2, weight 2/4
        // [0.5, 1]: 0.9, 1.0 (refusals; 1.0 goes into the last bin) → mean 0.95, share 1, gap 0.05, weight 2/4
        // ECE = 0.5·0.2 + 0.5·0.05 = 0.125
        Calibration c = Calibration.of(new double[]{0.2, 0.4, 0.9, 1.0}, new int[]{0, 1, 1, 1}, 2);
        assertThat(c.ece()).isCloseTo(0.125, within(EPS));
        assertThat(c.bins()).hasSize(2);
        assertThat(c.bins().get(0).n()).isEqualTo(2);
        assertThat(c.bins().get(0).meanScore()).isCloseTo(0.3, within(EPS));
        assertThat(c.bins().get(0).refusalShare()).isCloseTo(0.5, within(EPS));
        assertThat(c.bins().get(1).n()).isEqualTo(2);
        assertThat(c.bins().get(1).high()).isEqualTo(1.0);
        assertThat(c.bins().get(1).meanScore()).isCloseTo(0.95, within(EPS));
    }

    @Test
    void theHandCheckedSetInTenBins() {
        // BinaryMetricsTest's scores fall one per bin except 0.85 and 0.80 (both in [0.8, 0.9)); bin [0, 0.1) is empty.
        // Single bins: gap = |label − score|: 0.95→0.05, 0.70→0.30, 0.60→0.60, 0.55→0.45, 0.40→0.40, 0.30→0.70,
        //   0.20→0.20, 0.10→0.10; sum 2.80, each weighing 1/10 → 0.280.
        // [0.8, 0.9): mean 0.825, share 1/2, gap 0.325, weight 2/10 → 0.065. ECE = 0.345
        Calibration c = Calibration.of(BinaryMetricsTest.SCORES, BinaryMetricsTest.LABELS, 10);
        assertThat(c.ece()).isCloseTo(0.345, within(EPS));
        assertThat(c.bins().get(0).n()).isZero();
        assertThat(c.bins().get(0).meanScore()).isZero();
        assertThat(c.bins().get(8).n()).isEqualTo(2);
        assertThat(c.bins().get(8).refusalShare()).isCloseTo(0.5, within(EPS));
    }

    @Test
    void perfectlyCalibratedScoresHaveNoError() {
        // four texts at 0.25, one of them a refusal; four at 0.75, three of them refusals
        Calibration c = Calibration.of(new double[]{0.25, 0.25, 0.25, 0.25, 0.75, 0.75, 0.75, 0.75},
                new int[]{1, 0, 0, 0, 1, 1, 0, 1}, 10);
        assertThat(c.ece()).isCloseTo(0, within(EPS));
    }

    @Test
    void badInputIsNamed() {
        assertThatThrownBy(() -> Calibration.of(new double[]{0.5}, new int[]{1}, 0)).hasMessageContaining("bins");
        assertThatThrownBy(() -> Calibration.of(new double[]{1.5}, new int[]{1}, 10)).hasMessageContaining("index 0");
    }
}
