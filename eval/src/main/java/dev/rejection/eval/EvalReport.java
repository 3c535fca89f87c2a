package dev.rejection.eval;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The outcome of an evaluation, immutable. {@link #toJson()} gives one JSON object:
 * <pre>
 * { "loss", "threshold", "n", "accuracy", "precision", "recall", "f1", "tp", "fp", "tn", "fn",
 *   "roc_auc", "pr_auc",                       // at the requested threshold, over all examples
 *   "false_alarm_rate",                        // fp / (fp + tn): normal answers called rejections
 *   "intervals": { "confidence", "recall", "precision", "false_alarm_rate" },   // 95% Wilson, each { "low", "high" }
 *   "at_prevalence": { "prevalence", "precision", "f1", "precision_range", "f1_range" },   // eval --prevalence only
 *   "best_f1": { "threshold", "n", "accuracy", "precision", "recall", "f1", "false_alarm_rate", "tp", ... },
 *   "by_source": { "&lt;source&gt;": { same keys as the top level metrics }, ... },
 *   "group_by": "&lt;field&gt;" or null, "by_group": { "&lt;value&gt;": { same keys }, ... },   // eval --group-by
 *   "calibration": { "ece", "bins": [ { "low", "high", "n", "mean_score", "refusal_share" }, ... ] },
 *   "texts_per_second",                        // null when not measured
 *   "n_errors", "errors": [ { "line", "message" }, ... ],   // rows that could not be evaluated
 *   "compare": { "model", "threshold", "n", ..., "refusals": { "both", "only_this", "only_other", "p" },
 *                "normals": { same } } }   // only when compared with another detector (eval --compare)
 * </pre>
 *
 * @param overall          metrics over all examples at the requested threshold
 * @param bestF1           the threshold that maximises F1 and the metrics there
 * @param bySource         metrics per value of the records' {@code source} field (sorted by name; rows without one
 *                         under {@value Evaluation#NO_SOURCE}); empty when no row has a source
 * @param groupBy          the field the examples were grouped by, or {@code null}
 * @param byGroup          metrics per value of that field (sorted; rows without it under
 *                         {@value Evaluation#NO_SOURCE}); empty when not grouping
 * @param calibration      the reliability diagram's bins and the expected calibration error
 * @param textsPerSecond   scoring throughput, or {@code null}
 * @param errors           every row that was not evaluated, in input order
 * @param compare          the same texts judged by another detector, text by text; {@code null} (and left out of
 *                         the JSON) when there is none
 */
@JsonPropertyOrder({"overall", "best_f1", "by_source", "group_by", "by_group", "calibration", "texts_per_second",
        "n_errors", "errors", "compare"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record EvalReport(
        @JsonUnwrapped Metrics overall,
        @JsonProperty("best_f1") OperatingPoint bestF1,
        @JsonProperty("by_source") Map<String, Metrics> bySource,
        @JsonProperty("group_by") String groupBy,
        @JsonProperty("by_group") Map<String, Metrics> byGroup,
        @JsonProperty("calibration") Calibration calibration,
        @JsonProperty("texts_per_second") Double textsPerSecond,
        @JsonProperty("errors") List<BadRow> errors,
        @JsonProperty("compare") @JsonInclude(JsonInclude.Include.NON_NULL) PairedComparison compare) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public EvalReport {
        Objects.requireNonNull(overall, "overall");
        Objects.requireNonNull(bestF1, "bestF1");
        bySource = Collections.unmodifiableMap(new TreeMap<>(bySource)); // sorted: stable JSON and report order
        byGroup = Collections.unmodifiableMap(new TreeMap<>(byGroup));
        Objects.requireNonNull(calibration, "calibration");
        errors = List.copyOf(errors);
    }

    /** A report without a comparison. */
    public EvalReport(Metrics overall, OperatingPoint bestF1, Map<String, Metrics> bySource, String groupBy,
                      Map<String, Metrics> byGroup, Calibration calibration, Double textsPerSecond,
                      List<BadRow> errors) {
        this(overall, bestF1, bySource, groupBy, byGroup, calibration, textsPerSecond, errors, null);
    }

    /** This report with {@code comparison} added. */
    public EvalReport withComparison(PairedComparison comparison) {
        return new EvalReport(overall, bestF1, bySource, groupBy, byGroup, calibration, textsPerSecond, errors,
                Objects.requireNonNull(comparison, "comparison"));
    }

    /** Number of rows that could not be evaluated. */
    @JsonProperty("n_errors")
    public int nErrors() {
        return errors.size();
    }

    /** This report as one pretty-printed JSON object. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot serialise evaluation report", e);
        }
    }
}
