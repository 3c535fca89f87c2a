package dev.rejection.finetune;

/**
 * Scaled dot-product attention over heads, with the padding mask: for each sequence b and head h,
 * {@code P = softmax(Q·Kᵀ/√d + mask)}, {@code context = dropout(P)·V}. Q, K, V and the context are
 * {@code [batch·seq, hidden]}; a head is the column slice {@code [h·d, (h+1)·d)}, read in place through strides.
 */
final class Attention {

    private final int heads;
    private final int headSize;
    private final int hidden;
    private final Dropout dropout;

    Attention(int heads, int headSize, double dropoutP) {
        this.heads = heads;
        this.headSize = headSize;
        this.hidden = heads * headSize;
        this.dropout = new Dropout(dropoutP);
    }

    /** The context, the probabilities {@code [batch, heads, seq, seq]} and their dropout mask (or null). */
    record Trace(float[] context, float[] probs, float[] dropMask) {
    }

    Trace forward(float[] q, float[] k, float[] v, Batch batch, Pass pass) {
        int s = batch.length();
        int pairs = batch.size() * heads;
        float[] probs = new float[pairs * s * s];
        float scale = (float) (1 / Math.sqrt(headSize));
        Kernels.forEach(pairs, true, t -> {
            int b = t / heads;
            int h = t % heads;
            int qkv = b * s * hidden + h * headSize;
            int p = t * s * s;
            // scores[i][j] = Σ_e Q[i][e]·K[j][e]
            Kernels.gemm(s, s, headSize, q, qkv, hidden, 1, k, qkv, 1, hidden, probs, p, s, false, false);
            for (int i = 0; i < s; i++) {
                for (int j = 0; j < s; j++) {
                    probs[p + i * s + j] *= scale;
                }
                Kernels.softmax(probs, p + i * s, s, batch.mask(), b * s);
            }
        });
        float[] mask = dropout.mask(probs.length, pass);
        float[] used = mask == null ? probs : Dropout.apply(probs.clone(), mask);
        float[] context = new float[batch.size() * s * hidden];
        Kernels.forEach(pairs, true, t -> {
            int qkv = (t / heads) * s * hidden + (t % heads) * headSize;
            // context[i][e] = Σ_j P[i][j]·V[j][e]
            Kernels.gemm(s, headSize, s, used, t * s * s, s, 1, v, qkv, hidden, 1, context, qkv, hidden, false, false);
        });
        return new Trace(context, probs, mask);
    }

    /** Gradients of Q, K and V from the context's, written into {@code dq, dk, dv}. */
    void backward(Trace t, float[] q, float[] k, float[] v, float[] dContext, Batch batch,
                  float[] dq, float[] dk, float[] dv) {
        int s = batch.length();
        int pairs = batch.size() * heads;
        float scale = (float) (1 / Math.sqrt(headSize));
        float[] probs = t.probs();
        float[] used = t.dropMask() == null ? probs : Dropout.apply(probs.clone(), t.dropMask());
        Kernels.forEach(pairs, true, pair -> {
            int qkv = (pair / heads) * s * hidden + (pair % heads) * headSize;
            int p = pair * s * s;
            // dV[j][e] = Σ_i P[i][j]·dC[i][e]
            Kernels.gemm(s, headSize, s, used, p, 1, s, dContext, qkv, hidden, 1, dv, qkv, hidden, false, false);
            // dP[i][j] = Σ_e dC[i][e]·V[j][e]
            float[] dScores = new float[s * s];
            Kernels.gemm(s, s, headSize, dContext, qkv, hidden, 1, v, qkv, 1, hidden, dScores, 0, s, false, false);
            float[] drop = t.dropMask();
            for (int i = 0; i < s; i++) {
                if (drop != null) {
                    for (int j = 0; j < s; j++) {
                        dScores[i * s + j] *= drop[p + i * s + j];
                    }
                }
                Kernels.softmaxBackwardInto(probs, p + i * s, dScores, i * s, s, scale);
            }
            // dQ = dS·K, dK = dSᵀ·Q (dS already carries the 1/√d)
            Kernels.gemm(s, headSize, s, dScores, 0, s, 1, k, qkv, hidden, 1, dq, qkv, hidden, false, false);
            Kernels.gemm(s, headSize, s, dScores, 0, 1, s, q, qkv, hidden, 1, dk, qkv, hidden, false, false);
        });
    }
}
