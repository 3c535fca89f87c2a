package dev.rejection.eval;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.util.Objects;

/**
 * The card's metrics for one set of scored examples at one threshold. Serialises flat:
 * {@code loss, threshold, n, accuracy, precision, recall, f1, tp, fp, tn, fn, roc_auc, pr_auc}.
 *
 * @param loss   mean cross-entropy, see {@link BinaryMetrics#logLoss}
 * @param at     the threshold and the confusion matrix there
 * @param rocAuc {@link BinaryMetrics#rocAuc}, {@code null} (JSON null) when only one class is present
 * @param prAuc  average precision, {@link BinaryMetrics#averagePrecision}, {@code null} when there is no positive
 * @param atPrevalence precision and F1 at an assumed share of refusals ({@code eval --prevalence}); {@code null}
 *               (and left out of the JSON) when none was asked for or the set lacks a class
 */
@JsonPropertyOrder({"loss"})
public record Metrics(
        @JsonProperty("loss") double loss,
        @JsonUnwrapped OperatingPoint at,
        @JsonProperty("roc_auc") Double rocAuc,
        @JsonProperty("pr_auc") Double prAuc,
        @JsonProperty("at_prevalence") @JsonInclude(JsonInclude.Include.NON_NULL) AtPrevalence atPrevalence) {

    public Metrics {
        Objects.requireNonNull(at, "at");
    }

    /** Metrics without a prevalence. */
    public Metrics(double loss, OperatingPoint at, Double rocAuc, Double prAuc) {
        this(loss, at, rocAuc, prAuc, null);
    }

    /** All metrics of {@code scores} against {@code labels} at {@code threshold}. */
    public static Metrics of(double[] scores, int[] labels, double threshold) {
        return of(scores, labels, threshold, null);
    }

    /**
     * All metrics of {@code scores} against {@code labels} at {@code threshold}, with precision and F1 at
     * {@code prevalence} when it is not {@code null}.
     */
    public static Metrics of(double[] scores, int[] labels, double threshold, Double prevalence) {
        Confusion confusion = BinaryMetrics.confusion(scores, labels, threshold);
        return new Metrics(
                BinaryMetrics.logLoss(scores, labels),
                new OperatingPoint(threshold, confusion),
                boxed(BinaryMetrics.rocAuc(scores, labels)),
                boxed(BinaryMetrics.averagePrecision(scores, labels)),
                prevalence == null ? null : AtPrevalence.of(confusion, prevalence));
    }

    /** The confusion matrix at the threshold (shortcut for {@code at().confusion()}). */
    public Confusion confusion() {
        return at.confusion();
    }

    private static Double boxed(java.util.OptionalDouble value) {
        return value.isPresent() ? value.getAsDouble() : null;
    }
}
