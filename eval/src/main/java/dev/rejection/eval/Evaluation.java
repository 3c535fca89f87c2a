package dev.rejection.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Turns scored examples into an {@link EvalReport}. This is the metrics step only: how the scores were produced
 * (which detector, which mode, batching) is the caller's business — see {@link Scoring} for the usual way.
 */
public final class Evaluation {
    /** The {@code by_source} (and {@code by_group}) key for rows without a {@code source} (the grouped) field. */
    public static final String NO_SOURCE = "(none)";

    private Evaluation() {
    }

    /**
     * The report for {@code examples} scored by {@code scores} (same order), judged at {@code threshold}.
     *
     * @param errors         rows that could not be evaluated; carried into the report
     * @param textsPerSecond scoring throughput, or {@code null} when not measured
     * @throws IllegalArgumentException when there is no example (saying how many rows were bad), when the lengths
     *                                  differ, or when a score is not a probability (naming the line)
     */
    public static EvalReport evaluate(List<Example> examples, double[] scores, double threshold,
                                      List<BadRow> errors, Double textsPerSecond) {
        return evaluate(examples, scores, threshold, Breakdown.NONE, errors, textsPerSecond);
    }

    /**
     * What a report adds to the card's metrics on request.
     *
     * @param prevalence the share of refusals to give precision and F1 at ({@link AtPrevalence}), or {@code null}
     * @param groupBy    the field the examples' {@link Example#group()} came from, or {@code null} for no groups
     */
    public record Breakdown(Double prevalence, String groupBy) {
        public static final Breakdown NONE = new Breakdown(null, null);

        public Breakdown {
            if (prevalence != null) {
                AtPrevalence.checkPrevalence(prevalence);
            }
        }
    }

    /** As {@link #evaluate(List, double[], double, List, Double)}, with the figures {@code breakdown} asks for. */
    public static EvalReport evaluate(List<Example> examples, double[] scores, double threshold, Breakdown breakdown,
                                      List<BadRow> errors, Double textsPerSecond) {
        Objects.requireNonNull(errors, "errors");
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no labelled examples to evaluate"
                    + (errors.isEmpty() ? "" : " (all " + errors.size() + " rows are bad; first: line "
                    + errors.get(0).line() + ": " + errors.get(0).message() + ")"));
        }
        if (examples.size() != scores.length) {
            throw new IllegalArgumentException(
                    "got " + scores.length + " scores for " + examples.size() + " examples");
        }
        for (int i = 0; i < scores.length; i++) {
            if (!(scores[i] >= 0 && scores[i] <= 1)) {
                throw new IllegalArgumentException("score for line " + examples.get(i).line()
                        + " is not a probability in [0, 1]: " + scores[i]);
            }
        }
        int[] labels = examples.stream().mapToInt(Example::label).toArray();
        Double prevalence = breakdown.prevalence();
        return new EvalReport(
                Metrics.of(scores, labels, threshold, prevalence),
                BinaryMetrics.bestF1(scores, labels),
                examples.stream().allMatch(e -> e.source() == null) ? Map.of()
                        : grouped(examples, Example::source, scores, threshold, prevalence),
                breakdown.groupBy(),
                breakdown.groupBy() == null ? Map.of()
                        : grouped(examples, Example::group, scores, threshold, prevalence),
                Calibration.of(scores, labels, Calibration.DEFAULT_BINS),
                textsPerSecond,
                errors);
    }

    private static Map<String, Metrics> grouped(List<Example> examples, Function<Example, String> key, double[] scores,
                                                double threshold, Double prevalence) {
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < examples.size(); i++) {
            String value = key.apply(examples.get(i));
            groups.computeIfAbsent(value == null ? NO_SOURCE : value, k -> new ArrayList<>()).add(i);
        }
        Map<String, Metrics> result = new LinkedHashMap<>();
        groups.forEach((value, indices) -> {
            double[] s = indices.stream().mapToDouble(i -> scores[i]).toArray();
            int[] y = indices.stream().mapToInt(i -> examples.get(i).label()).toArray();
            result.put(value, Metrics.of(s, y, threshold, prevalence));
        });
        return result;
    }
}
