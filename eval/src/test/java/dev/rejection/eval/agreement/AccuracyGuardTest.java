package dev.rejection.eval.agreement;

import dev.rejection.pipeline.ScoreFunction;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class AccuracyGuardTest {

    /** 100 texts with logits [0, m]; the candidate flips the label of the first {@code flipped}. */
    private static Agreement withFlips(int flipped) {
        float[][] reference = new float[100][];
        float[][] candidate = new float[100][];
        for (int i = 0; i < 100; i++) {
            float margin = (i % 2 == 0 ? 1 : -1) * (0.5f + i / 100f);
            reference[i] = new float[] {0, margin};
            candidate[i] = new float[] {0, i < flipped ? -margin : margin + 0.01f};
        }
        return Agreement.compare(reference, candidate, ScoreFunction.SOFTMAX);
    }

    @Test
    void refusesBelowTheMinimumAgreement() {
        AccuracyGuard guard = new AccuracyGuard(AccuracyGuard.DEFAULT_MIN_AGREEMENT, Double.POSITIVE_INFINITY);
        assertThat(guard.failures(withFlips(1))).isEmpty(); // 99% is the minimum, allowed
        Agreement twoFlips = withFlips(2);
        assertThat(twoFlips.agreement()).isEqualTo(0.98);
        assertThat(guard.failures(twoFlips)).containsExactly(
                "labels agree on 98.00% of the texts, below the minimum 99.00%");
    }

    @Test
    void refusesAScoreThatMovedTooFar() {
        Agreement none = withFlips(0);
        assertThat(none.agreement()).isEqualTo(1.0);
        assertThat(none.maxLogitDelta()).isCloseTo(0.01, within(1e-6));
        assertThat(none.logitCorrelation()).isGreaterThan(0.9999);
        assertThat(new AccuracyGuard(0.99, 0.01).failures(none)).isEmpty();
        assertThat(new AccuracyGuard(0.99, 0.001).failures(none)).singleElement().asString()
                .startsWith("a score moved by 0.002");
    }

    @Test
    void rejectsThresholdsOutOfRange() {
        assertThatThrownBy(() -> new AccuracyGuard(1.5, 1)).hasMessageContaining("[0, 1], got 1.5");
        assertThatThrownBy(() -> new AccuracyGuard(0.99, 0)).hasMessageContaining("above 0, got 0.0");
    }
}
