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

    /** Half-way values round half to even on their binary value, as Python's {@code round} does. */
    @ParameterizedTest(name = "s={0}, t={1} -> {2}")
    @CsvSource({
        "0.875,   0.75, 0.5",  // 0.125 / 0.25 = 0.5 exactly
        "0.8125,  0.75, 0.2",  // 0.25 exactly: half to even gives 0.2 (Python: round(0.25, 1) == 0.2)
        "0.84375, 0.75, 0.4",  // 0.375 exactly: 0.4 (Python: round(0.375, 1) == 0.4)
        "0.0001,  0.75, -1.0", // -0.99987 rounds to -1.0
        "0.0,     0.0,  0.0",  // s = t = 0: no 0/0
        "0.5,     0.0,  0.5",
    })
    void halfWayValuesAndEdges(double score, double threshold, double risk) {
        assertThat(LlmGuard.riskScore(score, threshold)).isEqualTo(risk);
    }

    @org.junit.jupiter.api.Test
    void aBlankOutputIsValidWithRiskMinusOne() {
        assertThat(LlmGuard.scan(" \n", null, 0.75)).isEqualTo(new LlmGuard.Scan(true, -1.0));
    }

    @org.junit.jupiter.api.Test
    void aRefusalIsInvalidWithPositiveRisk() {
        dev.rejection.detect.Verdict refusal = new dev.rejection.detect.Verdict("REJECTION", 0.9, true,
                java.util.Map.of("NORMAL", 0.1, "REJECTION", 0.9), 5, false);
        // (0.9 - 0.75) / (1 - 0.75) = 0.6
        assertThat(LlmGuard.scan("No.", refusal, 0.75)).isEqualTo(new LlmGuard.Scan(false, 0.6));
    }
}
