package dev.rejection.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns scored examples into an {@link EvalReport}. This is the metrics step only: how the scores were produced
 * (which detector, which mode, batching) is the caller's business — see {@link Scoring} for the usual way.
 */
public final class Evaluation {
    /** The {@code by_source} key for rows without a {@code source} field. */
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
        return new EvalReport(
                Metrics.of(scores, labels, threshold),
                BinaryMetrics.bestF1(scores, labels),
                bySource(examples, scores, threshold),
                textsPerSecond,
                errors);
    }

    private static Map<String, Metrics> bySource(List<Example> examples, double[] scores, double threshold) {
        if (examples.stream().allMatch(e -> e.source() == null)) {
            return Map.of();
        }
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < examples.size(); i++) {
            String source = examples.get(i).source();
            groups.computeIfAbsent(source == null ? NO_SOURCE : source, k -> new ArrayList<>()).add(i);
        }
        Map<String, Metrics> result = new LinkedHashMap<>();
        groups.forEach((source, indices) -> {
            double[] s = indices.stream().mapToDouble(i -> scores[i]).toArray();
            int[] y = indices.stream().mapToInt(i -> examples.get(i).label()).toArray();
            result.put(source, Metrics.of(s, y, threshold));
        });
        return result;
    }
}
