package dev.rejection.pipeline;

import dev.rejection.model.ModelConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ScoreFunctionTest {

    private static ModelConfig config(String problemType, int labels) {
        StringBuilder id2label = new StringBuilder();
        for (int i = 0; i < labels; i++) {
            id2label.append(i == 0 ? "" : ", ").append('"').append(i).append("\": \"L").append(i).append('"');
        }
        String problem = problemType == null ? "" : "\"problem_type\": \"" + problemType + "\", ";
        return ModelConfig.parse("{" + problem + "\"id2label\": {" + id2label + "}}", "config.json");
    }

    @Test
    void choosesTheFunctionAsTransformersDoes() {
        assertThat(ScoreFunction.forConfig(config("single_label_classification", 2))).isEqualTo(ScoreFunction.SOFTMAX);
        assertThat(ScoreFunction.forConfig(config(null, 2))).isEqualTo(ScoreFunction.SOFTMAX);
        assertThat(ScoreFunction.forConfig(config("multi_label_classification", 2))).isEqualTo(ScoreFunction.SIGMOID);
        assertThat(ScoreFunction.forConfig(config(null, 1))).isEqualTo(ScoreFunction.SIGMOID);
        assertThat(ScoreFunction.forConfig(config("regression", 1))).isEqualTo(ScoreFunction.NONE);
    }

    @Test
    void softmaxSumsToOneAndSurvivesHugeLogits() {
        double[] s = ScoreFunction.SOFTMAX.apply(new float[] {1f, 3f});
        assertThat(s[0] + s[1]).isCloseTo(1, within(1e-12));
        assertThat(s[1]).isCloseTo(Math.exp(3) / (Math.exp(1) + Math.exp(3)), within(1e-12));
        double[] huge = ScoreFunction.SOFTMAX.apply(new float[] {1000f, 1000f});
        assertThat(huge).containsExactly(0.5, 0.5);
    }

    @Test
    void sigmoidScoresEachLabelAlone() {
        double[] s = ScoreFunction.SIGMOID.apply(new float[] {0f, 2f});
        assertThat(s[0]).isEqualTo(0.5);
        assertThat(s[1]).isCloseTo(1 / (1 + Math.exp(-2)), within(1e-12));
    }
}
