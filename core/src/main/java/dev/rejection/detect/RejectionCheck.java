package dev.rejection.detect;

/**
 * Judges one answer: the seam between a rejection detector and the frameworks that ask it (guardrails, advisors).
 * A {@link RejectionDetector} is one: pass it itself, since the method reference {@code detector::classify} binds
 * to {@link #classify(String)} and so drops the prompt; a test can script another.
 *
 * <pre>{@code
 * RejectionCheck check = detector;            // with the prompt when its model reads prompts
 * RejectionCheck scripted = text -> verdict;  // a test's check, the answer alone
 * }</pre>
 *
 * Implementations must be thread-safe: frameworks call one check from many requests at once.
 */
@FunctionalInterface
public interface RejectionCheck {

    /** The verdict on one answer text (never null). */
    Verdict classify(String text);

    /**
     * The verdict on an answer given the prompt it replied to (null: none). A check that cannot read prompts judges
     * the answer alone, as this default does; {@link RejectionDetector} and {@code Reading} read the pair when their
     * model reads prompts ({@link RejectionDetector#readsPrompts()}).
     */
    default Verdict classify(String prompt, String answer) {
        return classify(answer);
    }
}
