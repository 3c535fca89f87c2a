package dev.rejection.eval;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.ArrayList;
import java.util.List;

/**
 * How far the scores can be read as probabilities: the reliability diagram's bins and the expected calibration error.
 * The scores are cut into {@code bins} equal-width bins over [0, 1] (a score of exactly 1 goes into the last; bin b
 * holds scores in [b/bins, (b+1)/bins)); in each, the mean score is set against the share of refusals. ECE is the
 * mean gap weighted by the bins' sizes, {@code Σ_b (n_b / n)·|refusal share_b − mean score_b|}, as in Guo et al.
 * (2017) for the positive class's probability. A user picking a threshold of 0.8 expects about 80% of the texts
 * scored there to be refusals; ECE says by how much that reading is off on this data.
 *
 * @param ece  expected calibration error, in [0, 1]
 * @param bins every bin, lowest first; an empty one has n, mean score and refusal share 0
 */
@JsonPropertyOrder({"ece", "bins"})
public record Calibration(@JsonProperty("ece") double ece, @JsonProperty("bins") List<Bin> bins) {
    /** Bins of the report's reliability diagram. */
    public static final int DEFAULT_BINS = 10;

    /**
     * One bin of the reliability diagram.
     *
     * @param low           the bin's lower edge (inclusive)
     * @param high          its upper edge (exclusive, except 1 for the last bin)
     * @param n             texts scored in it
     * @param meanScore     their mean score; 0 when empty
     * @param refusalShare  the share of them labelled REJECTION; 0 when empty
     */
    @JsonPropertyOrder({"low", "high", "n", "mean_score", "refusal_share"})
    public record Bin(@JsonProperty("low") double low, @JsonProperty("high") double high, @JsonProperty("n") int n,
                      @JsonProperty("mean_score") double meanScore,
                      @JsonProperty("refusal_share") double refusalShare) {
    }

    public Calibration {
        bins = List.copyOf(bins);
    }

    /** The calibration of {@code scores} against {@code labels} in {@code bins} equal-width bins. */
    public static Calibration of(double[] scores, int[] labels, int bins) {
        BinaryMetrics.check(scores, labels);
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be at least 1, got " + bins);
        }
        int[] n = new int[bins];
        double[] scoreSum = new double[bins];
        int[] refusals = new int[bins];
        for (int i = 0; i < scores.length; i++) {
            int b = Math.min(bins - 1, (int) (scores[i] * bins));
            n[b]++;
            scoreSum[b] += scores[i];
            refusals[b] += labels[i];
        }
        List<Bin> result = new ArrayList<>(bins);
        double ece = 0;
        for (int b = 0; b < bins; b++) {
            double mean = n[b] == 0 ? 0 : scoreSum[b] / n[b];
            double share = n[b] == 0 ? 0 : (double) refusals[b] / n[b];
            result.add(new Bin((double) b / bins, (double) (b + 1) / bins, n[b], mean, share));
            ece += (double) n[b] / scores.length * Math.abs(share - mean);
        }
        return new Calibration(ece, result);
    }
}
