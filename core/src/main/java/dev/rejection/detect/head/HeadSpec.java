package dev.rejection.detect.head;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/**
 * The {@code detector.json} of a trained head: which features it reads and its weights.
 *
 * <p>Features, in order: the encoder's pooled states (when {@code encoder} is set), then the lexical detector's
 * evidence (when {@code lexical} is true). Paths in {@code encoder} are relative to the detector's folder, or
 * {@code classpath:/...} for resources (the embedded default uses the MiniLM model on the classpath).
 *
 * @param format   always {@value #FORMAT}; lets later versions refuse files they cannot read
 * @param labels   label names in id order: the negative label, then the positive one
 * @param encoder  the frozen sentence encoder, or null for lexical features only
 * @param lexical  whether the lexical detector's features follow the encoder's
 * @param head     the logistic-regression weights
 * @param training how the head was trained (data, seed, metrics): informative only
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HeadSpec(String format, List<String> labels, Encoder encoder, boolean lexical, Weights head,
                       Map<String, Object> training) {
    public static final String FORMAT = "rejection-head/1";
    public static final String FILE_NAME = "detector.json";

    /**
     * @param onnx          the encoder's ONNX file (last hidden states as its first output)
     * @param tokenizer     its tokenizer.json
     * @param maxLength     tokens per text after truncation, special tokens included
     * @param openingTokens how many leading tokens the second pooling averages
     */
    public record Encoder(String onnx, String tokenizer, @JsonProperty("max_length") int maxLength,
                          @JsonProperty("opening_tokens") int openingTokens) {
    }

    /** Standardisation and logistic-regression weights, as {@link LinearHead} holds them. */
    public record Weights(double[] mean, double[] scale, double[] weights, double bias) {
        public static Weights of(LinearHead head) {
            return new Weights(head.mean(), head.scale(), head.weights(), head.bias());
        }

        public LinearHead toHead() {
            return new LinearHead(mean, scale, weights, bias);
        }
    }
}
