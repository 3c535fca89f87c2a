package dev.rejection.eval;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * 95% Wilson intervals ({@link Proportion#wilson}) of the rates of a confusion matrix: where the detector's true
 * recall, precision and false-alarm rate lie given how few texts measured them. 3 false alarms in 866 normal answers
 * is 0.35%, but anything from 0.12% to 1.0% fits that count; two detectors whose intervals overlap widely are not
 * told apart by the set.
 *
 * @param recall         of tp in tp + fn; {@code null} when the set has no refusal
 * @param precision      of tp in tp + fp; {@code null} when nothing was flagged
 * @param falseAlarmRate of fp in fp + tn; {@code null} when the set has no normal answer
 */
@JsonPropertyOrder({"confidence", "recall", "precision", "false_alarm_rate"})
public record Intervals(@JsonProperty("recall") Proportion.Interval recall,
                        @JsonProperty("precision") Proportion.Interval precision,
                        @JsonProperty("false_alarm_rate") Proportion.Interval falseAlarmRate) {
    /** The confidence of each interval. */
    public static final double CONFIDENCE = 0.95;

    /** The intervals of {@code c}'s rates. */
    public static Intervals of(Confusion c) {
        return new Intervals(wilson(c.tp(), c.tp() + c.fn()), wilson(c.tp(), c.tp() + c.fp()),
                wilson(c.fp(), c.fp() + c.tn()));
    }

    @JsonProperty("confidence")
    public double confidence() {
        return CONFIDENCE;
    }

    private static Proportion.Interval wilson(int count, int n) {
        return n == 0 ? null : new Proportion(count, n).wilson(Proportion.Z_95);
    }
}
