package dev.rejection.onnx;

import dev.rejection.tokenizer.Encoding;

import java.util.List;

/**
 * Model inputs for a batch of texts, padded to a common length: row-major {@code [batch, length]} arrays of token
 * ids, attention mask and token type ids, ready to wrap as ONNX tensors without per-row copies.
 *
 * @param batchSize number of rows
 * @param length    tokens per row (the longest encoding; shorter rows are padded)
 */
public record TokenBatch(long[] inputIds, long[] attentionMask, long[] typeIds, int batchSize, int length) {

    public TokenBatch {
        int n = batchSize * length;
        if (inputIds.length != n || attentionMask.length != n || typeIds.length != n) {
            throw new IllegalArgumentException("token batch arrays must each hold " + batchSize + " x " + length
                    + " values");
        }
    }

    /**
     * Pads encodings to the longest among them: padding positions get {@code padId}, attention 0 and type 0.
     * Encodings must not be padded already beyond their own tokens (padding is this method's job).
     */
    public static TokenBatch pad(List<Encoding> encodings, int padId) {
        if (encodings.isEmpty()) {
            throw new IllegalArgumentException("a token batch needs at least one encoding");
        }
        int length = encodings.stream().mapToInt(Encoding::length).max().orElseThrow();
        int batch = encodings.size();
        long[] ids = new long[batch * length];
        long[] mask = new long[batch * length];
        long[] types = new long[batch * length];
        java.util.Arrays.fill(ids, padId);
        for (int row = 0; row < batch; row++) {
            Encoding e = encodings.get(row);
            int base = row * length;
            for (int i = 0; i < e.length(); i++) {
                ids[base + i] = e.ids()[i];
                mask[base + i] = e.attentionMask()[i];
                types[base + i] = e.typeIds()[i];
            }
        }
        return new TokenBatch(ids, mask, types, batch, length);
    }
}
