package dev.rejection.finetune;

import java.util.List;

/**
 * {@code RobertaClassificationHead}: {@code out_proj(dropout(tanh(dense(dropout(x)))))} on the first token
 * ({@code <s>}).
 */
final class RobertaHead implements ClassificationHead {

    final Linear dense;
    final Linear outProj;
    private final Dropout dropout;
    private final int hidden;

    RobertaHead(Architecture arch) {
        hidden = arch.encoder().hiddenSize();
        dense = new Linear("classifier.dense", hidden, hidden);
        outProj = new Linear("classifier.out_proj", hidden, arch.encoder().numLabels());
        dropout = new Dropout(arch.classifierDropout());
    }

    @Override
    public List<Param> params() {
        return List.of(dense.weight, dense.bias, outProj.weight, outProj.bias);
    }

    record Trace(float[] input, float[] mask1, float[] tanh, float[] mask2, float[] dropped,
                 float[] logits) implements ClassificationHead.Trace {
    }

    @Override
    public Trace forward(float[] first, int batch, Pass pass) {
        float[] mask1 = dropout.mask(first.length, pass);
        float[] input = Dropout.apply(first.clone(), mask1);
        float[] tanh = dense.forward(input, batch);
        Kernels.tanh(tanh, tanh, tanh.length);
        float[] mask2 = dropout.mask(tanh.length, pass);
        float[] dropped = Dropout.apply(tanh.clone(), mask2);
        return new Trace(input, mask1, tanh, mask2, dropped, outProj.forward(dropped, batch));
    }

    @Override
    public float[] backward(ClassificationHead.Trace trace, float[] dLogits, int batch) {
        Trace t = (Trace) trace;
        float[] dTanh = Dropout.apply(outProj.backward(t.dropped(), dLogits, batch), t.mask2());
        Kernels.tanhBackward(t.tanh(), dTanh, dTanh, dTanh.length);
        return Dropout.apply(dense.backward(t.input(), dTanh, batch), t.mask1());
    }
}
