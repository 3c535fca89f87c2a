package dev.rejection.detect;

import java.util.Locale;

/**
 * An LLM answer was judged a rejection (refusal) where the caller chose to fail on one. Carries the verdict and the
 * answer so that a handler can log, count or fall back.
 */
public class RejectionException extends RuntimeException {
    private final transient Verdict verdict;
    private final String answer;

    public RejectionException(String message, Verdict verdict, String answer) {
        super(message);
        this.verdict = verdict;
        this.answer = answer;
    }

    /** "the answer is a rejection (REJECTION score 0.973)" for a verdict; the usual message. */
    public static String describe(Verdict verdict) {
        return String.format(Locale.ROOT, "the answer is a rejection (%s score %.3f)", verdict.label(),
                verdict.score());
    }

    /** The verdict on the answer. */
    public Verdict verdict() {
        return verdict;
    }

    /** The answer text that was judged. */
    public String answer() {
        return answer;
    }
}
