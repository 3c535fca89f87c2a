package dev.rejection.eval;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Precision and F1 a detector would reach on traffic where a share {@code prevalence} of the answers are refusals,
 * from its measured recall R and false-alarm rate FAR. An evaluation file's own mix of refusals (often half) says
 * little about real traffic (about 1%), where the false alarms on the many normal answers decide precision:
 * <pre>
 * precision = R·P / (R·P + FAR·(1 − P))        F1 = 2·precision·R / (precision + R)
 * </pre>
 * Recall and the false-alarm rate do not depend on the mix, so they carry over; precision does not. Both figures
 * rise with R and fall with FAR, so their ranges come from the corners of the two rates' 95% {@link Intervals}:
 * the lowest from the lowest recall and the highest false-alarm rate, the highest from the other corner. Where both
 * intervals hold (at least 90% of the time) the range holds.
 *
 * @param prevalence     the share of refusals assumed, in (0, 1)
 * @param precision      expected precision at that share; 0 when nothing would be flagged (R = FAR = 0)
 * @param f1             the harmonic mean of that precision and the recall; 0 when both are 0
 * @param precisionRange the precision the two rates' intervals allow
 * @param f1Range        the F1 they allow
 */
@JsonPropertyOrder({"prevalence", "precision", "f1", "precision_range", "f1_range"})
public record AtPrevalence(@JsonProperty("prevalence") double prevalence,
                           @JsonProperty("precision") double precision,
                           @JsonProperty("f1") double f1,
                           @JsonProperty("precision_range") Proportion.Interval precisionRange,
                           @JsonProperty("f1_range") Proportion.Interval f1Range) {

    /** Checks a prevalence given by a user: strictly between 0 and 1. */
    public static double checkPrevalence(double prevalence) {
        if (!(prevalence > 0 && prevalence < 1)) {
            throw new IllegalArgumentException("prevalence must be strictly between 0 and 1, got " + prevalence);
        }
        return prevalence;
    }

    /**
     * The figures at {@code prevalence} from the recall and false-alarm rate of {@code measured}; {@code null} when
     * the measured set lacks refusals or normal answers, since then one of the two rates was not measured.
     */
    public static AtPrevalence of(Confusion measured, double prevalence) {
        checkPrevalence(prevalence);
        if (measured.tp() + measured.fn() == 0 || measured.fp() + measured.tn() == 0) {
            return null;
        }
        Intervals intervals = measured.intervals();
        Proportion.Interval recall = intervals.recall();
        Proportion.Interval falseAlarms = intervals.falseAlarmRate();
        double precision = precision(measured.recall(), measured.falseAlarmRate(), prevalence);
        double low = precision(recall.low(), falseAlarms.high(), prevalence);
        double high = precision(recall.high(), falseAlarms.low(), prevalence);
        return new AtPrevalence(prevalence, precision, f1(precision, measured.recall()),
                new Proportion.Interval(low, high),
                new Proportion.Interval(f1(low, recall.low()), f1(high, recall.high())));
    }

    private static double precision(double recall, double falseAlarmRate, double prevalence) {
        double flagged = recall * prevalence + falseAlarmRate * (1 - prevalence);
        return flagged == 0 ? 0 : recall * prevalence / flagged;
    }

    private static double f1(double precision, double recall) {
        return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    }
}
