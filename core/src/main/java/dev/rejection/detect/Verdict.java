package dev.rejection.detect;

import java.util.Map;

/**
 * The judgement on one text.
 *
 * @param label     the positive (REJECTION) label when {@code rejection}, else the highest-scoring other label
 * @param score     probability of the positive (REJECTION) label
 * @param rejection {@code score > threshold} (strict, so that threshold 0.5 equals the pipeline's argmax)
 * @param scores    every label's probability
 * @param tokens    tokens the model saw, special tokens included
 * @param truncated whether the text was cut to the maximum length
 */
public record Verdict(String label, double score, boolean rejection, Map<String, Double> scores, int tokens,
                      boolean truncated) {
}
