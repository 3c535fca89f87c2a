package dev.rejection.testing;

import dev.rejection.detect.RejectionCheck;
import dev.rejection.detect.Verdict;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test fixture: a deterministic {@link RejectionCheck} for testing what callers do with verdicts. An answer that
 * starts with "I'm sorry" or "I can't" is a rejection (score 0.97), anything else a normal answer (score 0.02).
 * Remembers the texts it judged, and the prompts they came with.
 */
public final class ScriptedCheck implements RejectionCheck {
    public static final double REJECTION_SCORE = 0.97;
    public static final double NORMAL_SCORE = 0.02;

    private final List<String> judged = new CopyOnWriteArrayList<>();
    private final List<String> prompts = new CopyOnWriteArrayList<>();

    /** Judges the answer as {@link #classify(String)}, remembering the prompt ("" when there is none). */
    @Override
    public Verdict classify(String prompt, String answer) {
        prompts.add(prompt == null ? "" : prompt);
        return classify(answer);
    }

    /** The prompts the answers came with, in order ("" for none); only answers judged with a prompt count. */
    public List<String> prompts() {
        return List.copyOf(prompts);
    }

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
