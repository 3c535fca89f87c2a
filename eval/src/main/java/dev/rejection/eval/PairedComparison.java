package dev.rejection.eval;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.util.List;
import java.util.Objects;

/**
 * Two detectors (or two readings, thresholds, recipes) judged on the same labelled texts, text by text. Of the
 * refusals, those one found and the other missed; of the normal answers, those one flagged and the other passed. Only
 * these discordant texts tell the two apart, and the exact McNemar test says how likely a split at least that uneven
 * is when neither is better: two recipes that differ by 2 refusals of 101, found by one only 3 times against 1, have
 * p = 0.625, no evidence of a difference. Comparing two separate intervals would waste that pairing.
 *
 * @param model    the other detector's name
 * @param other    the other detector's threshold and confusion matrix
 * @param refusals the texts labelled REJECTION: found by both, by the evaluated detector only, by the other only
 * @param normals  the texts labelled NORMAL: flagged by both, by the evaluated detector only, by the other only
 */
@JsonPropertyOrder({"model", "threshold", "refusals", "normals"})
public record PairedComparison(@JsonProperty("model") String model,
                               @JsonUnwrapped OperatingPoint other,
                               @JsonProperty("refusals") Discordance refusals,
                               @JsonProperty("normals") Discordance normals) {

    public PairedComparison {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(other, "other");
    }

    /**
     * How often two detectors call a class's texts rejections, together and apart.
     *
     * @param both      texts both call rejections
     * @param onlyThis  texts only the evaluated detector calls rejections
     * @param onlyOther texts only the other calls rejections
     * @param p         the exact two-sided McNemar p-value of {@code onlyThis} against {@code onlyOther}
     */
    @JsonPropertyOrder({"both", "only_this", "only_other", "p"})
    public record Discordance(@JsonProperty("both") int both,
                              @JsonProperty("only_this") int onlyThis,
                              @JsonProperty("only_other") int onlyOther,
                              @JsonProperty("p") double p) {
    }

    /**
     * The comparison of {@code scores} (judged at {@code threshold}) with {@code otherScores} (judged at
     * {@code otherThreshold}) on {@code examples}, all in the same order; a text is called a rejection when its score
     * is above the threshold, as everywhere.
     */
    public static PairedComparison of(String model, List<Example> examples, double[] scores, double threshold,
                                      double[] otherScores, double otherThreshold) {
        if (scores.length != examples.size() || otherScores.length != examples.size()) {
            throw new IllegalArgumentException("got " + scores.length + " and " + otherScores.length + " scores for "
                    + examples.size() + " examples");
        }
        int[][] counts = new int[2][3]; // [label][both, only this, only other]
        for (int i = 0; i < scores.length; i++) {
            boolean mine = scores[i] > threshold;
            boolean theirs = otherScores[i] > otherThreshold;
            int[] row = counts[examples.get(i).label()];
            row[0] += mine && theirs ? 1 : 0;
            row[1] += mine && !theirs ? 1 : 0;
            row[2] += theirs && !mine ? 1 : 0;
        }
        int[] labels = examples.stream().mapToInt(Example::label).toArray();
        return new PairedComparison(model,
                new OperatingPoint(otherThreshold, BinaryMetrics.confusion(otherScores, labels, otherThreshold)),
                discordance(counts[1]), discordance(counts[0]));
    }

    private static Discordance discordance(int[] counts) {
        return new Discordance(counts[0], counts[1], counts[2], mcNemarExact(counts[1], counts[2]));
    }

    /**
     * The exact two-sided McNemar p-value of {@code b} against {@code c} discordant pairs: twice the chance that a
     * fair coin tossed b + c times comes up on the rarer side min(b, c) times or fewer, at most 1; 1 when there is no
     * discordant pair. Summed in logs, so that thousands of pairs do not underflow.
     */
    static double mcNemarExact(int b, int c) {
        if (b < 0 || c < 0) {
            throw new IllegalArgumentException("negative count: " + b + ", " + c);
        }
        int n = b + c;
        int fewer = Math.min(b, c);
        double logTosses = n * Math.log(2);
        double logChoose = 0; // log C(n, k), from k = 0
        double tail = 0;
        for (int k = 0; k <= fewer; k++) {
            if (k > 0) {
                logChoose += Math.log(n - k + 1) - Math.log(k);
            }
            tail += Math.exp(logChoose - logTosses);
        }
        return Math.min(1, 2 * tail);
    }
}
