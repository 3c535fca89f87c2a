package dev.rejection.detect;

import dev.rejection.pipeline.Classification;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Whether one text is a rejection.
 *
 * @param label     the positive label when {@code rejection}, else the highest-scoring other label
 * @param score     probability of the positive (REJECTION) label
 * @param rejection {@code score > threshold}; strict, so that threshold 0.5 agrees with the pipeline's argmax
 * @param scores    every label's score, in label-id order
 * @param tokens    tokens the model saw, special tokens included
 * @param truncated whether the text was cut to the model's maximum length
 * @param cut       where the text was cut (a UTF-16 index: the model read {@code text.substring(0, cut)}); -1 when
 *                  it was read whole, or when a verdict made by hand does not know
 * @param gated     whether the detector's evidence gate overruled the model: it called the text a rejection, but the
 *                  text holds no sign of one ({@link dev.rejection.detect.lexical.RefusalEvidence}); the score is then
 *                  capped at the threshold
 */
public record Verdict(String label, double score, boolean rejection, Map<String, Double> scores, int tokens,
                      boolean truncated, int cut, boolean gated) {

    public Verdict {
        scores = Collections.unmodifiableMap(new LinkedHashMap<>(scores));
        if (cut < -1) {
            throw new IllegalArgumentException("cut must be -1 (none) or an index, got " + cut);
        }
    }

    /** A verdict the gate did not touch. */
    public Verdict(String label, double score, boolean rejection, Map<String, Double> scores, int tokens,
                   boolean truncated, int cut) {
        this(label, score, rejection, scores, tokens, truncated, cut, false);
    }

    /** A verdict that does not say where its text was cut. */
    public Verdict(String label, double score, boolean rejection, Map<String, Double> scores, int tokens,
                   boolean truncated) {
        this(label, score, rejection, scores, tokens, truncated, -1);
    }

    /** How many characters of {@code text} (its start) the model read: up to the cut, else all of it. */
    public int read(String text) {
        return cut >= 0 ? Math.min(cut, text.length()) : text.length();
    }

    /** The verdict on a classification: the positive label's score against the threshold. */
    static Verdict decide(Classification c, String positiveLabel, double threshold) {
        double score = c.scores().get(positiveLabel);
        boolean rejection = score > threshold;
        String label = positiveLabel;
        if (!rejection) {
            double best = Double.NEGATIVE_INFINITY;
            for (Map.Entry<String, Double> entry : c.scores().entrySet()) {
                if (!entry.getKey().equals(positiveLabel) && entry.getValue() > best) {
                    best = entry.getValue();
                    label = entry.getKey();
                }
            }
        }
        return new Verdict(label, score, rejection, c.scores(), c.tokens(), c.truncated(), c.cut());
    }

    /**
     * This rejection overruled by the evidence gate: the positive label's score capped at the threshold (so not a
     * rejection), the other labels' scores scaled to keep the sum, the label the best of the others.
     */
    Verdict gated(String positiveLabel, double threshold) {
        double capped = Math.min(score, threshold);
        double rest = 0;
        for (Map.Entry<String, Double> entry : scores.entrySet()) {
            rest += entry.getKey().equals(positiveLabel) ? 0 : entry.getValue();
        }
        Map<String, Double> rescored = new LinkedHashMap<>();
        String best = null;
        for (Map.Entry<String, Double> entry : scores.entrySet()) {
            if (entry.getKey().equals(positiveLabel)) {
                rescored.put(entry.getKey(), capped);
                continue;
            }
            // with a score of 1 the others are all 0: share the remainder among them evenly
            double share = rest > 0 ? entry.getValue() / rest : 1.0 / (scores.size() - 1);
            rescored.put(entry.getKey(), share * (1 - capped));
            if (best == null || rescored.get(entry.getKey()) > rescored.get(best)) {
                best = entry.getKey();
            }
        }
        return new Verdict(best, capped, false, rescored, tokens, truncated, cut, true);
    }
}
