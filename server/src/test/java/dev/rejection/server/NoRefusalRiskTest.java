package dev.rejection.server;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class NoRefusalRiskTest {

    @ParameterizedTest(name = "score {0}, threshold {1} -> risk {2}")
    @CsvSource({
            // LLM Guard's preset threshold 0.75: above it (s-t)/(1-t), at or below it (s-t)/t
            "0.99, 0.75, 1.0",    // 0.96
            "1.0,  0.75, 1.0",
            "0.9,  0.75, 0.6",    // 0.6 (binary 0.5999..)
            "0.80, 0.75, 0.2",    // 0.2000..
            "0.76, 0.75, 0.0",    // 0.04
            "0.75, 0.75, 0.0",    // at the threshold: not a rejection, risk 0
            "0.5,  0.75, -0.3",   // -0.333
            "0.0,  0.75, -1.0",
            "0.0001, 0.75, -1.0", // -0.99987 rounds to -1.0
            "0.6,  0.5,  0.2",
            "0.4,  0.5,  -0.2",
            "0.0,  0.0,  0.0",    // s = t = 0: no 0/0
            "0.5,  0.0,  0.5",
    })
    void risk(double score, double threshold, double risk) {
        assertThat(NoRefusalRisk.of(score, threshold)).isEqualTo(risk);
    }

    @ParameterizedTest(name = "half-way value {0} rounds half to even on its binary value, as Python's round")
    @CsvSource({
            "0.875, 0.75, 0.5",   // (0.125)/(0.25) = 0.5 exactly
            "0.8125, 0.75, 0.2",  // 0.25 exactly: half to even gives 0.2 (Python: round(0.25, 1) == 0.2)
            "0.84375, 0.75, 0.4", // 0.375 exactly: 0.4 (Python: round(0.375, 1) == 0.4)
    })
    void roundsHalfToEven(double score, double threshold, double risk) {
        assertThat(NoRefusalRisk.of(score, threshold)).isEqualTo(risk);
    }
}
