package dev.rejection.server;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * LLM Guard's risk score for its NoRefusal scanner: how far the rejection score {@code s} lies from the threshold
 * {@code t}, scaled to [−1, 1]: {@code (s − t)/(1 − t)} above the threshold, {@code (s − t)/t} at or below it,
 * rounded to one decimal (half to even on the exact binary value, as Python's {@code round}) and clamped.
 */
final class NoRefusalRisk {
    /** The risk of an empty output, which LLM Guard passes without running the model. */
    static final double EMPTY_OUTPUT = -1.0;

    private NoRefusalRisk() {
    }

    static double of(double score, double threshold) {
        if (score == threshold) {
            return 0.0; // also keeps 0/0 away at threshold 0
        }
        double raw = score > threshold
                ? (score - threshold) / (1 - threshold)
                : (score - threshold) / threshold;
        double rounded = new BigDecimal(raw).setScale(1, RoundingMode.HALF_EVEN).doubleValue();
        return Math.max(-1.0, Math.min(1.0, rounded));
    }
}
