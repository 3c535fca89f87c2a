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
 * Recall and the false-alarm rate do not depend on the mix, so they carry over; precision does not.
 *
 * @param prevalence the share of refusals assumed, in (0, 1)
 * @param precision  expected precision at that share; 0 when nothing would be flagged (R = FAR = 0)
 * @param f1         the harmonic mean of that precision and the recall; 0 when both are 0
 */
@JsonPropertyOrder({"prevalence", "precision", "f1"})
public record AtPrevalence(@JsonProperty("prevalence") double prevalence,
                           @JsonProperty("precision") double precision,
                           @JsonProperty("f1") double f1) {

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
        double recall = measured.recall();
        double flagged = recall * prevalence + measured.falseAlarmRate() * (1 - prevalence);
        double precision = flagged == 0 ? 0 : recall * prevalence / flagged;
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new AtPrevalence(prevalence, precision, f1);
    }
}
