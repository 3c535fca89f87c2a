package dev.rejection.detect.mode;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Compatibility with LLM Guard's NoRefusal output scanner (the project is archived): its settings and its risk
 * score, so that callers migrating from it keep their thresholds and dashboards.
 *
 * <p>A scan of an output is {@code valid} (not a refusal) unless {@code score > }{@value #THRESHOLD}; the risk
 * score is {@link #riskScore}. An empty (blank) output is valid with risk −1 and is not classified. Where these
 * differ from our defaults, and why: docs/modes.md.
 */
public final class LlmGuard {
    /** LLM Guard's default threshold, compared with a strict {@code >}. */
    public static final double THRESHOLD = 0.75;
    /** LLM Guard truncates outputs to 128 tokens. */
    public static final int MAX_LENGTH = 128;
    /** LLM Guard reads the full (truncated) output by default. */
    public static final MatchMode MODE = MatchMode.FULL;

    /** The result of scanning one output. */
    public record Scan(boolean valid, double riskScore, SpanVerdict verdict) {
        /** The verdict, absent for a blank output (which is not classified). */
        public java.util.Optional<SpanVerdict> verdictIfAny() {
            return java.util.Optional.ofNullable(verdict);
        }
    }

    private LlmGuard() {
    }

    /**
     * LLM Guard's risk score of a refusal score {@code s} at threshold {@code t}: {@code (s − t)/(1 − t)} when
     * {@code s > t}, else {@code (s − t)/t}; rounded to one decimal as Python's {@code round} does (half to even,
     * on the exact binary value) and clamped to [−1, 1].
     */
    public static double riskScore(double score, double threshold) {
        double raw = score > threshold ? (score - threshold) / (1 - threshold) : (score - threshold) / threshold;
        if (Double.isNaN(raw)) { // t = 0 and s = 0, or t = 1 and s = 1: no distance from the threshold
            raw = 0;
        }
        double rounded = Double.isInfinite(raw) ? raw
                : new BigDecimal(raw).setScale(1, RoundingMode.HALF_EVEN).doubleValue();
        return Math.min(Math.max(rounded, -1), 1);
    }

    /** Scans one output with a detector configured for LLM Guard (threshold, max length, mode). */
    public static Scan scan(ModeDetector detector, String output) {
        if (output.isBlank()) {
            return new Scan(true, -1, null);
        }
        SpanVerdict verdict = detector.classify(output);
        return scan(verdict, detector.threshold());
    }

    /** The scan result for a verdict taken at {@code threshold}. */
    public static Scan scan(SpanVerdict verdict, double threshold) {
        return new Scan(!verdict.rejection(), riskScore(verdict.score(), threshold), verdict);
    }
}
