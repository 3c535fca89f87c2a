package dev.rejection.detect.head;

import dev.rejection.model.ModelException;
import dev.rejection.onnx.OnnxModel;
import dev.rejection.onnx.Tensor;
import dev.rejection.onnx.TokenBatch;
import dev.rejection.pipeline.Batcher;
import dev.rejection.tokenizer.Encoding;
import dev.rejection.tokenizer.Tokenizer;
import dev.rejection.tokenizer.Truncation;

import java.util.ArrayList;
import java.util.List;

/**
 * A frozen sentence encoder (e.g. all-MiniLM-L6-v2) that turns a text into pooled features for a classification
 * head: the mean of the last hidden states over all tokens, then over the opening tokens only.
 *
 * <p>Why two poolings: an answer's topic dominates the mean over the whole text, while whether the assistant refused
 * shows mostly in how the answer opens; the opening's own mean keeps that signal from being averaged away.
 *
 * <p>Dynamically quantized encoders give results that depend on batch mates (one activation scale per batch tensor in
 * ONNX Runtime), so every text runs alone, and texts run in parallel across threads instead. Thread-safe.
 */
public final class TextEncoder implements AutoCloseable {
    private final Tokenizer tokenizer;
    private final OnnxModel model;
    private final int maxLength;
    private final int openingTokens;
    private final int padId;
    private final Batcher batcher;

    /**
     * @param maxLength     tokens per text after truncation, special tokens included
     * @param openingTokens how many tokens after the first special token count as the opening
     * @param parallelism   texts encoded at once
     */
    public TextEncoder(Tokenizer tokenizer, OnnxModel model, int maxLength, int openingTokens, int parallelism) {
        if (openingTokens < 1) throw new IllegalArgumentException("openingTokens must be >= 1, got " + openingTokens);
        this.tokenizer = tokenizer.withoutPadding()
                .withTruncation(new Truncation(maxLength, 0, Truncation.Strategy.LONGEST_FIRST));
        this.model = model;
        this.maxLength = maxLength;
        this.openingTokens = openingTokens;
        this.padId = tokenizer.padId().orElse(0);
        this.batcher = new Batcher(1, parallelism);
    }

    /**
     * A text's pooled features with what the encoder saw of it.
     *
     * @param features  [mean over all tokens | mean over the opening tokens]
     * @param tokens    tokens the encoder saw, special tokens included
     * @param truncated whether the text was cut to the maximum length
     * @param cut       where the text was cut ({@link Encoding#cut()}); -1 when read whole
     */
    public record Encoded(double[] features, int tokens, boolean truncated, int cut) {
    }

    /** Features of one text. */
    public Encoded encode(String text) {
        return pool(tokenizer.encodeHead(text, true));
    }

    /** Features of each text, in input order. */
    public List<Encoded> encode(List<String> texts) {
        List<Encoding> encodings = new ArrayList<>(texts.size());
        for (String text : texts) encodings.add(tokenizer.encodeHead(text, true));
        return batcher.map(encodings, Encoding::length, batch -> List.of(pool(batch.get(0))));
    }

    private Encoded pool(Encoding encoding) {
        Tensor hidden = model.run(TokenBatch.pad(List.of(encoding), padId));
        if (hidden.shape().length != 3) {
            throw new ModelException("encoder " + model.source() + " must output [batch, tokens, hidden] states, "
                    + "got shape " + java.util.Arrays.toString(hidden.shape()));
        }
        int tokens = (int) hidden.shape()[1];
        int width = (int) hidden.shape()[2];
        float[] h = hidden.values();
        double[] features = new double[2 * width];
        int[] special = encoding.specialTokensMask();
        int all = 0;
        int opening = 0;
        for (int t = 0; t < tokens; t++) {
            boolean content = special[t] == 0;
            boolean inOpening = content && opening < openingTokens;
            for (int j = 0; j < width; j++) {
                float v = h[t * width + j];
                features[j] += v;
                if (inOpening) features[width + j] += v;
            }
            all++;
            if (inOpening) opening++;
        }
        for (int j = 0; j < width; j++) {
            features[j] /= all;
            // an empty text has no opening: its opening mean is the whole-text mean (just the special tokens)
            features[width + j] = opening > 0 ? features[width + j] / opening : features[j];
        }
        return new Encoded(features, encoding.length(), encoding.truncated(), encoding.cut());
    }

    /** The tokenizer as the encoder reads with it: truncating to {@link #maxLength()}, no padding. */
    public Tokenizer tokenizer() {
        return tokenizer;
    }

    public int maxLength() {
        return maxLength;
    }

    public int openingTokens() {
        return openingTokens;
    }

    @Override
    public void close() {
        model.close();
    }
}
