package dev.rejection.pipeline;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The pipeline's result for one text.
 *
 * @param scores    every label's score, in label-id order
 * @param tokens    tokens the model saw, special tokens included
 * @param truncated whether the text was cut to the maximum length
 * @param cut       where the text was cut ({@link dev.rejection.tokenizer.Encoding#cut()}); -1 when read whole
 */
public record Classification(Map<String, Double> scores, int tokens, boolean truncated, int cut) {

    public Classification {
        scores = Collections.unmodifiableMap(new LinkedHashMap<>(scores));
    }

    /** The label with the highest score (the first one on a tie, as argmax does). */
    public String topLabel() {
        Map.Entry<String, Double> best = null;
        for (Map.Entry<String, Double> entry : scores.entrySet()) {
            if (best == null || entry.getValue() > best.getValue()) {
                best = entry;
            }
        }
        return best == null ? null : best.getKey();
    }
}
