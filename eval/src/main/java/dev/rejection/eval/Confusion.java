package dev.rejection.eval;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Confusion matrix with REJECTION (label 1) as the positive class, and the card's metrics derived from it.
 *
 * <p>Undefined ratios are 0, as scikit-learn's {@code zero_division=0}: precision is 0 when nothing is predicted
 * positive (tp + fp = 0), recall is 0 when there are no positives (tp + fn = 0), and F1 is 0 when precision and
 * recall are both 0. A detector that never fires therefore scores 0, not "undefined", which is what a user wants to
 * see on a dashboard.
 */
@JsonPropertyOrder({"n", "accuracy", "precision", "recall", "f1", "false_alarm_rate", "tp", "fp", "tn", "fn",
        "intervals"})
public record Confusion(int tp, int fp, int tn, int fn) {
    public Confusion {
        if (tp < 0 || fp < 0 || tn < 0 || fn < 0) {
            throw new IllegalArgumentException("negative count in confusion matrix " + tp + "/" + fp + "/" + tn + "/" + fn);
        }
    }

    /** Number of examples. */
    @JsonProperty("n")
    public int n() {
        return tp + fp + tn + fn;
    }

    /** (tp + tn) / n; 0 when n = 0. */
    @JsonProperty("accuracy")
    public double accuracy() {
        return ratio(tp + tn, n());
    }

    /** tp / (tp + fp); 0 when nothing is predicted positive. */
    @JsonProperty("precision")
    public double precision() {
        return ratio(tp, tp + fp);
    }

    /** tp / (tp + fn); 0 when there are no positives. */
    @JsonProperty("recall")
    public double recall() {
        return ratio(tp, tp + fn);
    }

    /** Harmonic mean of precision and recall, computed as 2tp / (2tp + fp + fn); 0 when tp = 0. */
    @JsonProperty("f1")
    public double f1() {
        return ratio(2 * tp, 2 * tp + fp + fn);
    }

    /**
     * fp / (fp + tn): the share of the real NORMAL texts called rejections, what a team monitoring its refusal rate
     * lives with; 0 when there are no negatives.
     */
    @JsonProperty("false_alarm_rate")
    public double falseAlarmRate() {
        return ratio(fp, fp + tn);
    }

    /** 95% intervals of recall, precision and the false-alarm rate: how sure the counts make them. */
    @JsonProperty("intervals")
    public Intervals intervals() {
        return Intervals.of(this);
    }

    private static double ratio(int num, int den) {
        return den == 0 ? 0.0 : (double) num / den;
    }
}
