package dev.rejection.pipeline;

import dev.rejection.model.ModelConfig;

/** How logits become scores, chosen from the model config exactly as transformers' TextClassificationPipeline does. */
public enum ScoreFunction {
    /** Mutually exclusive labels: scores sum to 1. */
    SOFTMAX,
    /** Independent labels (multi-label, or a single output): each score in (0, 1) on its own. */
    SIGMOID,
    /** Raw logits (regression). */
    NONE;

    /**
     * Sigmoid for {@code problem_type: multi_label_classification} or a single label, softmax for
     * {@code single_label_classification} or several labels, none for {@code regression}.
     */
    public static ScoreFunction forConfig(ModelConfig config) {
        String problemType = config.problemType().orElse("");
        if (problemType.equals("regression")) {
            return NONE;
        }
        if (problemType.equals("multi_label_classification") || config.numLabels() == 1) {
            return SIGMOID;
        }
        return SOFTMAX;
    }

    /** Scores for one row of logits, computed in double precision. */
    public double[] apply(float[] logits) {
        double[] scores = new double[logits.length];
        switch (this) {
            case SOFTMAX -> {
                double max = Double.NEGATIVE_INFINITY;
                for (float logit : logits) {
                    max = Math.max(max, logit);
                }
                double sum = 0;
                for (int i = 0; i < logits.length; i++) {
                    scores[i] = Math.exp(logits[i] - max); // shifted so exp cannot overflow
                    sum += scores[i];
                }
                for (int i = 0; i < scores.length; i++) {
                    scores[i] /= sum;
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < logits.length; i++) {
                    scores[i] = 1 / (1 + Math.exp(-logits[i]));
                }
            }
            case NONE -> {
                for (int i = 0; i < logits.length; i++) {
                    scores[i] = logits[i];
                }
            }
        }
        return scores;
    }
}
