package dev.rejection.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class EvaluationTest {
    /** The hand-checked set of {@link BinaryMetricsTest}, split into two sources: "a" = #1..#5, "b" = #6..#10. */
    static List<Example> examples() {
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < BinaryMetricsTest.SCORES.length; i++) {
            examples.add(new Example(i + 1, "text " + (i + 1), BinaryMetricsTest.LABELS[i], i < 5 ? "a" : "b"));
        }
        return examples;
    }

    @Test
    void reportSerialisesToOneFlatJsonObjectWithTheCardsKeys() throws Exception {
        List<BadRow> errors = List.of(new BadRow(11, "field \"label\": missing label"));
        EvalReport report = Evaluation.evaluate(examples(), BinaryMetricsTest.SCORES, 0.5, errors, 123.0);

        JsonNode json = new ObjectMapper().readTree(report.toJson());
        assertThat(json.isObject()).isTrue();
        for (String key : List.of("loss", "accuracy", "precision", "recall", "f1", "roc_auc", "pr_auc",
                "n", "tp", "fp", "tn", "fn", "threshold", "best_f1", "by_source", "texts_per_second",
                "errors", "n_errors")) {
            assertThat(json.has(key)).as("key %s in %s", key, json).isTrue();
        }
        assertThat(json.get("n").asInt()).isEqualTo(10);
        assertThat(json.get("tp").asInt()).isEqualTo(4);
        assertThat(json.get("fp").asInt()).isEqualTo(2);
        assertThat(json.get("tn").asInt()).isEqualTo(3);
        assertThat(json.get("fn").asInt()).isEqualTo(1);
        assertThat(json.get("threshold").asDouble()).isEqualTo(0.5);
        assertThat(json.get("f1").asDouble()).isCloseTo(8.0 / 11, within(1e-12));
        assertThat(json.get("roc_auc").asDouble()).isCloseTo(0.76, within(1e-12));
        assertThat(json.get("pr_auc").asDouble()).isCloseTo(0.8083333333, within(1e-9));
        assertThat(json.get("loss").asDouble()).isCloseTo(0.5737355308, within(1e-9));
        assertThat(json.get("texts_per_second").asDouble()).isEqualTo(123.0);

        JsonNode best = json.get("best_f1");
        assertThat(best.get("threshold").asDouble()).isCloseTo(0.25, within(1e-12));
        assertThat(best.get("f1").asDouble()).isCloseTo(10.0 / 13, within(1e-12));
        assertThat(best.get("tp").asInt()).isEqualTo(5);

        assertThat(json.get("n_errors").asInt()).isEqualTo(1);
        assertThat(json.get("errors").get(0).get("line").asLong()).isEqualTo(11);
        assertThat(json.get("errors").get(0).get("message").asText()).contains("label");
    }

    @Test
    void bySourceSplitsTheSet() throws Exception {
        EvalReport report = Evaluation.evaluate(examples(), BinaryMetricsTest.SCORES, 0.5, List.of(), null);
        assertThat(report.bySource()).containsOnlyKeys("a", "b");
        // a = #1..#5: scores 0.95 0.85 0.80 0.70 0.60, labels 1 1 0 1 0; all above 0.5 → tp 3, fp 2
        // ROC: each of 0.95, 0.85 beats both normals (2+2); 0.70 beats 0.60 only (1) → 5 / (3·2) = 5/6
        Metrics a = report.bySource().get("a");
        assertThat(a.confusion()).isEqualTo(new Confusion(3, 2, 0, 0));
        assertThat(a.rocAuc()).isCloseTo(5.0 / 6, within(1e-12));
        // b = #6..#10: scores 0.55 0.40 0.30 0.20 0.10, labels 1 0 1 0 0; only 0.55 above 0.5 → tp 1, fn 1, tn 3
        Metrics b = report.bySource().get("b");
        assertThat(b.confusion()).isEqualTo(new Confusion(1, 0, 3, 1));
        // ROC: 0.55 beats all 3 normals, 0.30 beats 0.20 and 0.10 → 5 / (2·3) = 5/6
        assertThat(b.rocAuc()).isCloseTo(5.0 / 6, within(1e-12));

        JsonNode json = new ObjectMapper().readTree(report.toJson());
        assertThat(json.get("by_source").get("a").get("tp").asInt()).isEqualTo(3);
        assertThat(json.get("texts_per_second").isNull()).isTrue();
    }

    @Test
    void falseAlarmsPrevalenceGroupsAndCalibrationInTheJson() throws Exception {
        // groups by a field other than source: "x" = #1..#3 (0.95 1, 0.85 1, 0.80 0), "y" = the rest
        List<Example> grouped = new ArrayList<>();
        List<Example> plain = examples();
        for (int i = 0; i < plain.size(); i++) {
            Example e = plain.get(i);
            grouped.add(new Example(e.line(), e.text(), e.label(), e.source(), i < 3 ? "x" : "y"));
        }
        EvalReport report = Evaluation.evaluate(grouped, BinaryMetricsTest.SCORES, 0.5,
                new Evaluation.Breakdown(0.1, "model"), List.of(), null);
        JsonNode json = new ObjectMapper().readTree(report.toJson());
        // fp 2 of 5 normals
        assertThat(json.get("false_alarm_rate").asDouble()).isCloseTo(0.4, within(1e-12));
        // see AtPrevalenceTest: recall 0.8, false alarms 0.4, P 0.1 → precision 2/11, F1 8/27
        assertThat(json.get("at_prevalence").get("precision").asDouble()).isCloseTo(2.0 / 11, within(1e-12));
        assertThat(json.get("at_prevalence").get("f1").asDouble()).isCloseTo(8.0 / 27, within(1e-12));
        assertThat(json.get("group_by").asText()).isEqualTo("model");
        // x: tp 2, fp 1 (0.80), no negatives left → false alarms 1/1; y: tp 2, fp 1, tn 3, fn 1
        assertThat(json.get("by_group").get("x").get("fp").asInt()).isEqualTo(1);
        assertThat(json.get("by_group").get("x").get("false_alarm_rate").asDouble()).isEqualTo(1.0);
        JsonNode y = json.get("by_group").get("y");
        assertThat(y.get("false_alarm_rate").asDouble()).isCloseTo(0.25, within(1e-12));
        // y: recall 2/3, false alarms 1/4 at P 0.1: precision = (0.2/3) / (0.2/3 + 0.225) = 0.0666.. / 0.2916.. = 8/35
        assertThat(y.get("at_prevalence").get("precision").asDouble()).isCloseTo(8.0 / 35, within(1e-12));
        // see CalibrationTest
        assertThat(json.get("calibration").get("ece").asDouble()).isCloseTo(0.345, within(1e-12));
        assertThat(json.get("calibration").get("bins").size()).isEqualTo(10);
        // best_f1 carries the false-alarm rate too: threshold 0.25 → fp 3 of 5
        assertThat(json.get("best_f1").get("false_alarm_rate").asDouble()).isCloseTo(0.6, within(1e-12));
    }

    @Test
    void withoutABreakdownThereIsNoPrevalenceAndNoGroup() throws Exception {
        JsonNode json = new ObjectMapper().readTree(
                Evaluation.evaluate(examples(), BinaryMetricsTest.SCORES, 0.5, List.of(), null).toJson());
        assertThat(json.has("at_prevalence")).isFalse();
        assertThat(json.get("group_by").isNull()).isTrue();
        assertThat(json.get("by_group").size()).isZero();
        assertThatThrownBy(() -> new Evaluation.Breakdown(1.0, null)).hasMessageContaining("prevalence");
    }

    @Test
    void rowsWithoutSourceAreGroupedOnlyWhenOthersHaveOne() {
        List<Example> mixed = List.of(new Example(1, "x", 1, "s"), new Example(2, "y", 0, null));
        assertThat(Evaluation.evaluate(mixed, new double[]{0.9, 0.1}, 0.5, List.of(), null).bySource())
                .containsOnlyKeys("s", Evaluation.NO_SOURCE);
        List<Example> none = List.of(new Example(1, "x", 1, null), new Example(2, "y", 0, null));
        assertThat(Evaluation.evaluate(none, new double[]{0.9, 0.1}, 0.5, List.of(), null).bySource()).isEmpty();
    }

    @Test
    void undefinedAreasAreJsonNull() throws Exception {
        List<Example> normals = List.of(new Example(1, "x", 0, null), new Example(2, "y", 0, null));
        JsonNode json = new ObjectMapper().readTree(
                Evaluation.evaluate(normals, new double[]{0.9, 0.1}, 0.5, List.of(), null).toJson());
        assertThat(json.get("roc_auc").isNull()).isTrue();
        assertThat(json.get("pr_auc").isNull()).isTrue();
        assertThat(json.get("precision").asDouble()).isZero();
    }

    @Test
    void emptyInputIsAClearError() {
        assertThatThrownBy(() -> Evaluation.evaluate(List.of(), new double[0], 0.5, List.of(), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no labelled examples to evaluate");
        assertThatThrownBy(() -> Evaluation.evaluate(List.of(), new double[0], 0.5,
                List.of(new BadRow(3, "field \"label\": missing label")), null))
                .hasMessageContaining("all 1 rows are bad").hasMessageContaining("line 3");
    }

    @Test
    void scoresMustMatchAndBeProbabilities() {
        assertThatThrownBy(() -> Evaluation.evaluate(examples(), new double[3], 0.5, List.of(), null))
                .hasMessageContaining("3 scores for 10 examples");
        double[] bad = BinaryMetricsTest.SCORES.clone();
        bad[4] = 1.5;
        assertThatThrownBy(() -> Evaluation.evaluate(examples(), bad, 0.5, List.of(), null))
                .hasMessageContaining("line 5");
    }

    @Test
    void scoringChunksInOrderAndTimes() {
        List<Example> examples = examples();
        List<Integer> chunkSizes = new ArrayList<>();
        List<Integer> progress = new ArrayList<>();
        Scorer lengthScorer = texts -> {
            chunkSizes.add(texts.size());
            return texts.stream().mapToDouble(t -> Integer.parseInt(t.substring(5)) / 10.0).toArray();
        };
        Scoring.Scored scored = Scoring.score(examples, lengthScorer, 4, progress::add);
        assertThat(chunkSizes).containsExactly(4, 4, 2);
        assertThat(progress).containsExactly(4, 8, 10);
        assertThat(scored.scores()).containsExactly(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0);
        assertThat(scored.textsPerSecond()).isPositive();

        assertThatThrownBy(() -> Scoring.score(examples, texts -> new double[1], 4, n -> { }))
                .hasMessageContaining("1 scores for 4 texts").hasMessageContaining("lines 1-4");
        assertThatThrownBy(() -> Scoring.score(examples, lengthScorer, 0, n -> { }))
                .hasMessageContaining("batch size");
    }
}
