package dev.rejection.finetune;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rejection.onnx.graph.EncoderConfig;

/**
 * What the engine needs to build a classifier: the encoder's shape (shared with the ONNX graph builders) and the
 * dropout rates training uses.
 *
 * @param encoder           sizes, model type, pad id, LayerNorm epsilon, number of labels
 * @param hiddenDropout     {@code hidden_dropout_prob}: after the embeddings and after each sub-layer's output
 * @param attentionDropout  {@code attention_probs_dropout_prob}: on the attention probabilities
 * @param classifierDropout {@code classifier_dropout}, else {@code hidden_dropout_prob}: in the head
 */
public record Architecture(EncoderConfig encoder, double hiddenDropout, double attentionDropout,
                           double classifierDropout) {

    public Architecture {
        check(hiddenDropout, "hidden_dropout_prob");
        check(attentionDropout, "attention_probs_dropout_prob");
        check(classifierDropout, "classifier_dropout");
    }

    /** Reads a Hugging Face {@code config.json}; {@code source} names it in errors. */
    public static Architecture fromJson(JsonNode config, String source) {
        EncoderConfig encoder = EncoderConfig.fromJson(config, source);
        double hidden = config.path("hidden_dropout_prob").asDouble(0.1);
        double attention = config.path("attention_probs_dropout_prob").asDouble(0.1);
        JsonNode classifier = config.get("classifier_dropout");
        return new Architecture(encoder, hidden, attention,
                classifier == null || classifier.isNull() ? hidden : classifier.asDouble());
    }

    /** The same architecture with {@code numLabels} outputs. */
    public Architecture withLabels(int numLabels) {
        EncoderConfig e = encoder;
        return new Architecture(new EncoderConfig(e.modelType(), e.vocabSize(), e.hiddenSize(), e.numHiddenLayers(),
                e.numAttentionHeads(), e.intermediateSize(), e.maxPositionEmbeddings(), e.typeVocabSize(),
                e.padTokenId(), e.layerNormEps(), e.initializerRange(), numLabels),
                hiddenDropout, attentionDropout, classifierDropout);
    }

    public boolean roberta() {
        return encoder.modelType().equals("roberta");
    }

    private static void check(double p, String field) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException(field + " must be in [0, 1), got " + p);
        }
    }
}
