package dev.rejection.testing;

import dev.rejection.detect.RejectionCheck;
import dev.rejection.detect.Verdict;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test fixture: a deterministic {@link RejectionCheck} for testing what callers do with verdicts. An answer that
 * starts with "I'm sorry" or "I can't" is a rejection (score 0.97), anything else a normal answer (score 0.02).
 * Remembers the texts it judged.
 */
public final class ScriptedCheck implements RejectionCheck {
    public static final double REJECTION_SCORE = 0.97;
    public static final double NORMAL_SCORE = 0.02;

    private final List<String> judged = new CopyOnWriteArrayList<>();

    @Override
    public Verdict classify(String text) {
        judged.add(text);
        boolean rejection = text.startsWith("I'm sorry") || text.startsWith("I can't");
        double score = rejection ? REJECTION_SCORE : NORMAL_SCORE;
        return new Verdict(rejection ? "REJECTION" : "NORMAL", score, rejection,
                Map.of("NORMAL", 1 - score, "REJECTION", score), text.split(" ").length + 2, false);
    }

    /** The texts judged so far, in order. */
    public List<String> judged() {
        return List.copyOf(judged);
    }
}
