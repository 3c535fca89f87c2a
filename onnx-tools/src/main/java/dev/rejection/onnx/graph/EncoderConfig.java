package dev.rejection.onnx.graph;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The shape of a BERT-family sequence classifier, as its Hugging Face {@code config.json} gives it.
 *
 * @param modelType             {@code roberta} or {@code bert}
 * @param vocabSize             rows of the word embedding
 * @param hiddenSize            width of every layer
 * @param numHiddenLayers       encoder layers
 * @param numAttentionHeads     attention heads per layer (divides hiddenSize)
 * @param intermediateSize      width of the feed-forward layer
 * @param maxPositionEmbeddings rows of the position embedding
 * @param typeVocabSize         rows of the token-type embedding
 * @param padTokenId            id of the padding token
 * @param layerNormEps          LayerNorm epsilon
 * @param initializerRange      standard deviation of the random initial weights
 * @param numLabels             classifier outputs
 */
public record EncoderConfig(String modelType, int vocabSize, int hiddenSize, int numHiddenLayers,
                            int numAttentionHeads, int intermediateSize, int maxPositionEmbeddings, int typeVocabSize,
                            int padTokenId, double layerNormEps, double initializerRange, int numLabels) {

    public EncoderConfig {
        if (hiddenSize % numAttentionHeads != 0) {
            throw new IllegalArgumentException("hidden_size " + hiddenSize + " is not a multiple of num_attention_heads "
                    + numAttentionHeads);
        }
        if (!modelType.equals("roberta") && !modelType.equals("bert")) {
            throw new IllegalArgumentException("model_type '" + modelType + "': only roberta and bert are supported");
        }
    }

    public int headSize() {
        return hiddenSize / numAttentionHeads;
    }

    /** Reads a Hugging Face {@code config.json}; {@code source} names it in errors. */
    public static EncoderConfig fromJson(JsonNode config, String source) {
        String act = text(config, "hidden_act", "gelu", source);
        if (!act.equals("gelu")) {
            throw new IllegalArgumentException(source + ": hidden_act '" + act + "' is not supported (only gelu)");
        }
        String positions = text(config, "position_embedding_type", "absolute", source);
        if (!positions.equals("absolute")) {
            throw new IllegalArgumentException(source + ": position_embedding_type '" + positions
                    + "' is not supported (only absolute)");
        }
        JsonNode labels = config.get("id2label");
        int numLabels = labels != null ? labels.size() : integer(config, "num_labels", 2, source);
        return new EncoderConfig(
                text(config, "model_type", null, source),
                integer(config, "vocab_size", null, source),
                integer(config, "hidden_size", null, source),
                integer(config, "num_hidden_layers", null, source),
                integer(config, "num_attention_heads", null, source),
                integer(config, "intermediate_size", null, source),
                integer(config, "max_position_embeddings", null, source),
                integer(config, "type_vocab_size", 2, source),
                integer(config, "pad_token_id", 0, source),
                number(config, "layer_norm_eps", 1e-12, source),
                number(config, "initializer_range", 0.02, source),
                numLabels);
    }

    private static String text(JsonNode config, String field, String fallback, String source) {
        JsonNode v = config.get(field);
        if (v == null || v.isNull()) {
            return require(fallback, field, source);
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException(source + ": field '" + field + "' must be a string, got " + v);
        }
        return v.asText();
    }

    private static int integer(JsonNode config, String field, Integer fallback, String source) {
        JsonNode v = config.get(field);
        if (v == null || v.isNull()) {
            return require(fallback, field, source);
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new IllegalArgumentException(source + ": field '" + field + "' must be an integer, got " + v);
        }
        return v.asInt();
    }

    private static double number(JsonNode config, String field, Double fallback, String source) {
        JsonNode v = config.get(field);
        if (v == null || v.isNull()) {
            return require(fallback, field, source);
        }
        if (!v.isNumber()) {
            throw new IllegalArgumentException(source + ": field '" + field + "' must be a number, got " + v);
        }
        return v.asDouble();
    }

    private static <T> T require(T fallback, String field, String source) {
        if (fallback == null) {
            throw new IllegalArgumentException(source + ": missing field '" + field + "'");
        }
        return fallback;
    }
}
