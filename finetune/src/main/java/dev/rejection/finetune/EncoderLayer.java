package dev.rejection.finetune;

import java.util.List;

/**
 * One post-LayerNorm transformer layer, as Hugging Face's {@code BertLayer}/{@code RobertaLayer}:
 * <pre>
 *   a = LayerNorm(dropout(attention(x)·Wo + bo) + x)
 *   y = LayerNorm(dropout(gelu(a·Wi + bi)·Wout + bout) + a)
 * </pre>
 */
final class EncoderLayer {

    final Linear query;
    final Linear key;
    final Linear value;
    final Linear attentionOutput;
    final LayerNorm attentionNorm;
    final Linear intermediate;
    final Linear output;
    final LayerNorm outputNorm;
    private final Attention attention;
    private final Dropout dropout;
    private final int hidden;
    private final int inner;

    EncoderLayer(String prefix, Architecture arch) {
        var e = arch.encoder();
        hidden = e.hiddenSize();
        inner = e.intermediateSize();
        query = new Linear(prefix + ".attention.self.query", hidden, hidden);
        key = new Linear(prefix + ".attention.self.key", hidden, hidden);
        value = new Linear(prefix + ".attention.self.value", hidden, hidden);
        attentionOutput = new Linear(prefix + ".attention.output.dense", hidden, hidden);
        attentionNorm = new LayerNorm(prefix + ".attention.output.LayerNorm", hidden, e.layerNormEps());
        intermediate = new Linear(prefix + ".intermediate.dense", hidden, inner);
        output = new Linear(prefix + ".output.dense", inner, hidden);
        outputNorm = new LayerNorm(prefix + ".output.LayerNorm", hidden, e.layerNormEps());
        attention = new Attention(e.numAttentionHeads(), e.headSize(), arch.attentionDropout());
        dropout = new Dropout(arch.hiddenDropout());
    }

    List<Param> params() {
        return List.of(query.weight, query.bias, key.weight, key.bias, value.weight, value.bias,
                attentionOutput.weight, attentionOutput.bias, attentionNorm.gamma, attentionNorm.beta,
                intermediate.weight, intermediate.bias, output.weight, output.bias, outputNorm.gamma, outputNorm.beta);
    }

    /** Every intermediate value the backward pass reads. */
    record Trace(float[] x, float[] q, float[] k, float[] v, Attention.Trace attention, float[] attentionMask,
                 LayerNorm.Trace attentionNorm, float[] preGelu, float[] activated, float[] outputMask,
                 LayerNorm.Trace outputNorm) {

        float[] y() {
            return outputNorm.y();
        }
    }

    Trace forward(float[] x, Batch batch, Pass pass) {
        int rows = batch.size() * batch.length();
        float[] q = query.forward(x, rows);
        float[] k = key.forward(x, rows);
        float[] v = value.forward(x, rows);
        Attention.Trace at = attention.forward(q, k, v, batch, pass);

        float[] projected = attentionOutput.forward(at.context(), rows);
        float[] attentionMask = dropout.mask(projected.length, pass);
        Dropout.apply(projected, attentionMask);
        Kernels.add(projected, x, projected, projected.length);
        LayerNorm.Trace an = attentionNorm.forward(projected, rows);

        float[] preGelu = intermediate.forward(an.y(), rows);
        float[] activated = new float[preGelu.length];
        Kernels.gelu(preGelu, activated, preGelu.length);
        float[] out = output.forward(activated, rows);
        float[] outputMask = dropout.mask(out.length, pass);
        Dropout.apply(out, outputMask);
        Kernels.add(out, an.y(), out, out.length);
        LayerNorm.Trace on = outputNorm.forward(out, rows);
        return new Trace(x, q, k, v, at, attentionMask, an, preGelu, activated, outputMask, on);
    }

    /** Accumulates the parameter gradients and returns the gradient of the layer's input. */
    float[] backward(Trace t, float[] dy, Batch batch) {
        int rows = batch.size() * batch.length();
        // second residual block
        float[] dSum = outputNorm.backward(t.outputNorm(), dy);
        float[] dOut = Dropout.apply(dSum.clone(), t.outputMask());
        float[] dActivated = output.backward(t.activated(), dOut, rows);
        float[] dPreGelu = new float[dActivated.length];
        Kernels.geluBackward(t.preGelu(), dActivated, dPreGelu, dActivated.length);
        float[] dA = intermediate.backward(t.attentionNorm().y(), dPreGelu, rows);
        Kernels.add(dA, dSum, dA, dA.length);
        // first residual block
        float[] dSum1 = attentionNorm.backward(t.attentionNorm(), dA);
        float[] dProjected = Dropout.apply(dSum1.clone(), t.attentionMask());
        float[] dContext = attentionOutput.backward(t.attention().context(), dProjected, rows);
        float[] dq = new float[rows * hidden];
        float[] dk = new float[rows * hidden];
        float[] dv = new float[rows * hidden];
        attention.backward(t.attention(), t.q(), t.k(), t.v(), dContext, batch, dq, dk, dv);
        float[] dx = dSum1;
        Kernels.add(dx, query.backward(t.x(), dq, rows), dx, dx.length);
        Kernels.add(dx, key.backward(t.x(), dk, rows), dx, dx.length);
        Kernels.add(dx, value.backward(t.x(), dv, rows), dx, dx.length);
        return dx;
    }
}
