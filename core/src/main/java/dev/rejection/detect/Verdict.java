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
 */
public record Verdict(String label, double score, boolean rejection, Map<String, Double> scores, int tokens,
                      boolean truncated, int cut) {

    public Verdict {
        scores = Collections.unmodifiableMap(new LinkedHashMap<>(scores));
        if (cut < -1) {
            throw new IllegalArgumentException("cut must be -1 (none) or an index, got " + cut);
        }
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
}
