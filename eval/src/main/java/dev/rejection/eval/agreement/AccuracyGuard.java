package dev.rejection.eval.agreement;


import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * When a quantized model is too far from its original to be written: its labels agree on fewer texts than
 * {@code minAgreement}, or a score moved by more than {@code maxDelta}.
 *
 * @param minAgreement share of texts whose labels must agree, in [0, 1]
 * @param maxDelta     the largest |score difference| allowed; {@code Double.POSITIVE_INFINITY} to not check it
 */
public record AccuracyGuard(double minAgreement, double maxDelta) {

    public static final double DEFAULT_MIN_AGREEMENT = 0.99;

    public AccuracyGuard {
        if (!(minAgreement >= 0 && minAgreement <= 1)) {
            throw new IllegalArgumentException("minimum agreement must be in [0, 1], got " + minAgreement);
        }
        if (!(maxDelta > 0)) {
            throw new IllegalArgumentException("maximum score difference must be above 0, got " + maxDelta);
        }
    }

    /** Why {@code agreement} fails this guard; empty when it passes. */
    public List<String> failures(Agreement agreement) {
        List<String> failures = new ArrayList<>();
        if (agreement.agreement() < minAgreement) {
            failures.add(String.format(Locale.ROOT, "labels agree on %.2f%% of the texts, below the minimum %.2f%%",
                    100 * agreement.agreement(), 100 * minAgreement));
        }
        if (agreement.maxDelta() > maxDelta) {
            failures.add(String.format(Locale.ROOT, "a score moved by %.5f, more than the maximum %.5f",
                    agreement.maxDelta(), maxDelta));
        }
        return failures;
    }
}
