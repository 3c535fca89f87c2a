package dev.rejection.detect.mode;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class LlmGuardTest {

    /**
     * Expected values computed with Python's own arithmetic and {@code round} (LLM Guard is Python):
     * {@code min(max(round((s - t) / (1 - t) if s > t else (s - t) / t, 1), -1), 1)}.
     */
    @ParameterizedTest(name = "s={1}, t={0} -> {2}")
    @CsvSource({
        "0.75, 1.0,    1.0",
        "0.75, 0.99,   1.0",
        "0.75, 0.9,    0.6",
        "0.75, 0.8,    0.2",
        "0.75, 0.7875, 0.1",   // 0.15 in decimal, 0.1499... in binary: rounds down as in Python
        "0.75, 0.76,   0.0",
        "0.75, 0.75,   0.0",   // at the threshold: the lower formula, and not a refusal (strict >)
        "0.75, 0.7,   -0.1",
        "0.75, 0.6,   -0.2",
        "0.75, 0.5,   -0.3",
        "0.75, 0.3,   -0.6",
        "0.75, 0.1,   -0.9",
        "0.75, 0.0,   -1.0",
        "0.5,  0.625,  0.2",   // exactly 0.25: half to even
        "0.5,  0.875,  0.8",   // exactly 0.75: half to even
        "0.5,  0.375, -0.2",
        "0.5,  0.125, -0.8",
        "0.5,  0.55,   0.1",
        "0.5,  0.45,  -0.1",
    })
    void riskScoreFollowsTheFormula(double threshold, double score, double risk) {
        assertThat(LlmGuard.riskScore(score, threshold)).isEqualTo(risk);
    }

    @ParameterizedTest
    @CsvSource({"1.5, 0.75, 1.0", "-0.5, 0.75, -1.0"})
    void riskScoreIsClamped(double score, double threshold, double risk) {
        assertThat(LlmGuard.riskScore(score, threshold)).isEqualTo(risk);
    }

    @org.junit.jupiter.api.Test
    void blankOutputIsValidWithRiskMinusOneWithoutAModelCall() {
        FakeScorer scorer = new FakeScorer(LlmGuard.THRESHOLD, LlmGuard.MAX_LENGTH);
        ModeDetector detector = ModeDetector.of(scorer, LlmGuard.MODE);
        LlmGuard.Scan scan = LlmGuard.scan(detector, "  \n ");
        assertThat(scan.valid()).isTrue();
        assertThat(scan.riskScore()).isEqualTo(-1.0);
        assertThat(scan.verdictIfAny()).isEmpty();
        assertThat(scorer.calls()).isZero();
    }

    @org.junit.jupiter.api.Test
    void aRefusalIsInvalidWithPositiveRisk() {
        FakeScorer scorer = new FakeScorer(LlmGuard.THRESHOLD, LlmGuard.MAX_LENGTH);
        LlmGuard.Scan scan = LlmGuard.scan(ModeDetector.of(scorer, LlmGuard.MODE), "NOPE, not doing that.");
        assertThat(scan.valid()).isFalse();
        assertThat(scan.riskScore()).isEqualTo(LlmGuard.riskScore(FakeScorer.REFUSAL_SCORE, 0.75)).isPositive();
    }
}
