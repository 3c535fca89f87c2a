package dev.rejection.detect.mode;

import dev.rejection.detect.Verdict;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/**
 * Compatibility with LLM Guard's NoRefusal output scanner (the project is archived): its settings and its risk
 * score, so that callers migrating from it keep their thresholds and dashboards.
 *
 * <p>A scan of an output is {@code valid} (not a refusal) unless {@code score > }{@value #THRESHOLD}; the risk
 * score is {@link #riskScore}. An empty (blank) output is valid with risk −1 and is not classified. This class is
 * the one place these rules live; {@link Preset#LLM_GUARD} turns them on for a {@link Reading}. Where they differ
 * from our defaults, and why: docs/modes.md.
 */
public final class LlmGuard {
    /** LLM Guard's default threshold, compared with a strict {@code >}. */
    public static final double THRESHOLD = 0.75;
    /** LLM Guard truncates outputs to 128 tokens. */
    public static final int MAX_LENGTH = 128;
    /** LLM Guard reads the full (truncated) output by default. */
    public static final MatchMode MODE = MatchMode.FULL;

    /** The risk of a blank output, which LLM Guard passes without running the model. */
    public static final double BLANK_RISK = -1.0;

    /**
     * The result of scanning one output.
     *
     * @param valid     not a refusal
     * @param riskScore {@link #riskScore}, or {@link #BLANK_RISK} for a blank output
     */
    public record Scan(boolean valid, double riskScore) {
    }

    private LlmGuard() {
    }

    /** Whether LLM Guard leaves {@code output} unread: a blank output is valid without a model call. */
    public static boolean unread(String output) {
        return output.isBlank();
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

    /** The scan of {@code output} whose verdict, taken at {@code threshold}, is {@code verdict} (if it was read). */
    public static Scan scan(String output, Verdict verdict, double threshold) {
        return unread(output) ? new Scan(true, BLANK_RISK)
                : new Scan(!verdict.rejection(), riskScore(verdict.score(), threshold));
    }

    /**
     * What an unread (blank) output gets in place of a verdict: not a refusal, score 0, no scores, no tokens; its
     * label is the model's first label other than the positive one (in id order).
     */
    public static Verdict unreadVerdict(List<String> labels, String positiveLabel) {
        String other = labels.stream().filter(l -> !l.equals(positiveLabel)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no label besides " + positiveLabel + " in " + labels));
        return new Verdict(other, 0, false, Map.of(), 0, false);
    }
}
