package dev.rejection.detect;

/**
 * Judges one answer: the seam between a rejection detector and the frameworks that ask it (guardrails, advisors).
 * {@code RejectionDetector::classify} is one; a test can script another.
 *
 * <pre>{@code
 * RejectionCheck check = detector::classify;
 * }</pre>
 *
 * Implementations must be thread-safe: frameworks call one check from many requests at once.
 */
@FunctionalInterface
public interface RejectionCheck {

    /** The verdict on one answer text (never null). */
    Verdict classify(String text);
}
