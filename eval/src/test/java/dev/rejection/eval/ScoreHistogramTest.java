package dev.rejection.eval;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScoreHistogramTest {

    @Test
    void binsAreHalfOpenAndTheLastHoldsOne() {
        // 4 bins: [0, .25) [.25, .5) [.5, .75) [.75, 1]
        int[] counts = ScoreHistogram.counts(new double[]{0.0, 0.1, 0.2499, 0.25, 0.5, 0.74, 0.75, 0.99, 1.0}, 4);
        assertThat(counts).containsExactly(3, 1, 2, 3);
    }

    @Test
    void namesTheBadScore() {
        assertThatThrownBy(() -> ScoreHistogram.counts(new double[]{0.2, Double.NaN}, 10))
                .hasMessageContaining("score at index 1 is not a probability in [0, 1]: NaN");
        assertThatThrownBy(() -> ScoreHistogram.counts(new double[]{1.5}, 10)).hasMessageContaining("index 0");
        assertThatThrownBy(() -> ScoreHistogram.counts(new double[]{0.5}, 0)).hasMessageContaining("at least 1");
    }
}
