package dev.rejection.server;

import dev.rejection.detect.mode.LlmGuard;

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

    /** The risk of a rejection score at a threshold; the formula is core's, shared with the llm-guard preset. */
    static double of(double score, double threshold) {
        return LlmGuard.riskScore(score, threshold);
    }
}
