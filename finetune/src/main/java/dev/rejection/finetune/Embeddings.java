package dev.rejection.finetune;

import java.util.List;

/**
 * Word, position and token-type embeddings, summed, then LayerNorm and dropout. Positions are 0..n-1 for BERT;
 * for RoBERTa they count only real tokens and start after the pad id ({@code cumsum(ids != pad)·(ids != pad) + pad}),
 * so padding never shifts a token's position. The pad rows of the word table (and of RoBERTa's position table)
 * get no gradient, as PyTorch's {@code padding_idx} has it.
 */
final class Embeddings {

    final Param words;
    final Param positions;
    final Param types;
    final LayerNorm norm;
    private final Dropout dropout;
    private final boolean roberta;
    private final int hidden;
    private final int pad;

    Embeddings(String prefix, Architecture arch) {
        var e = arch.encoder();
        hidden = e.hiddenSize();
        pad = e.padTokenId();
        roberta = arch.roberta();
        words = Param.embedding(prefix + ".word_embeddings.weight", e.vocabSize(), hidden);
        positions = Param.embedding(prefix + ".position_embeddings.weight", e.maxPositionEmbeddings(), hidden);
        types = Param.embedding(prefix + ".token_type_embeddings.weight", e.typeVocabSize(), hidden);
        norm = new LayerNorm(prefix + ".LayerNorm", hidden, e.layerNormEps());
        dropout = new Dropout(arch.hiddenDropout());
    }

    List<Param> params() {
        return List.of(words, positions, types, norm.gamma, norm.beta);
    }

    record Trace(int[] positionIds, LayerNorm.Trace norm, float[] dropMask, float[] y) {
    }

    Trace forward(Batch batch, Pass pass) {
        int rows = batch.size() * batch.length();
        int[] positionIds = positionIds(batch);
        float[] sum = new float[rows * hidden];
        for (int r = 0; r < rows; r++) {
            int id = check(batch.ids()[r], words, "token id", r, batch);
            int type = check(batch.typeIds()[r], types, "token type id", r, batch);
            int position = check(positionIds[r], positions, "position", r, batch);
            int o = r * hidden;
            for (int j = 0; j < hidden; j++) {
                sum[o + j] = words.value[id * hidden + j] + types.value[type * hidden + j]
                        + positions.value[position * hidden + j];
            }
        }
        LayerNorm.Trace n = norm.forward(sum, rows);
        float[] mask = dropout.mask(rows * hidden, pass);
        float[] y = Dropout.apply(n.y().clone(), mask);
        return new Trace(positionIds, n, mask, y);
    }

    void backward(Trace t, float[] dy, Batch batch) {
        float[] dSum = norm.backward(t.norm(), Dropout.apply(dy.clone(), t.dropMask()));
        int rows = batch.size() * batch.length();
        for (int r = 0; r < rows; r++) {
            int o = r * hidden;
            int id = batch.ids()[r];
            int position = t.positionIds()[r];
            int type = batch.typeIds()[r];
            for (int j = 0; j < hidden; j++) {
                float g = dSum[o + j];
                if (id != pad) {
                    words.grad[id * hidden + j] += g;
                }
                if (!(roberta && position == pad)) {
                    positions.grad[position * hidden + j] += g;
                }
                types.grad[type * hidden + j] += g;
            }
        }
    }

    private int[] positionIds(Batch batch) {
        int s = batch.length();
        int[] p = new int[batch.size() * s];
        for (int b = 0; b < batch.size(); b++) {
            int count = 0;
            for (int i = 0; i < s; i++) {
                int r = b * s + i;
                if (!roberta) {
                    p[r] = i;
                } else if (batch.ids()[r] != pad) {
                    p[r] = ++count + pad;
                } else {
                    p[r] = pad;
                }
            }
        }
        return p;
    }

    private static int check(int index, Param table, String what, int row, Batch batch) {
        int rows = table.shape()[0];
        if (index < 0 || index >= rows) {
            throw new IllegalArgumentException(what + " " + index + " of sequence " + row / batch.length()
                    + " at token " + row % batch.length() + " is outside " + table.name() + " (" + rows
                    + " rows)" + (what.equals("position") ? ": the sequence is longer than the model allows" : ""));
        }
        return index;
    }
}
