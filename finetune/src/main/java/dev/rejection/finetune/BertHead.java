package dev.rejection.finetune;

import java.util.List;

/**
 * {@code BertPooler} then the classifier of {@code BertForSequenceClassification}:
 * {@code classifier(dropout(tanh(pooler(x))))} on the first token ({@code [CLS]}).
 */
final class BertHead implements ClassificationHead {

    final Linear pooler;
    final Linear classifier;
    private final Dropout dropout;

    BertHead(Architecture arch) {
        int hidden = arch.encoder().hiddenSize();
        pooler = new Linear("bert.pooler.dense", hidden, hidden);
        classifier = new Linear("classifier", hidden, arch.encoder().numLabels());
        dropout = new Dropout(arch.classifierDropout());
    }

    @Override
    public List<Param> params() {
        return List.of(pooler.weight, pooler.bias, classifier.weight, classifier.bias);
    }

    record Trace(float[] input, float[] tanh, float[] mask, float[] dropped, float[] logits)
            implements ClassificationHead.Trace {
    }

    @Override
    public Trace forward(float[] first, int batch, Pass pass) {
        float[] tanh = pooler.forward(first, batch);
        Kernels.tanh(tanh, tanh, tanh.length);
        float[] mask = dropout.mask(tanh.length, pass);
        float[] dropped = Dropout.apply(tanh.clone(), mask);
        return new Trace(first, tanh, mask, dropped, classifier.forward(dropped, batch));
    }

    @Override
    public float[] backward(ClassificationHead.Trace trace, float[] dLogits, int batch) {
        Trace t = (Trace) trace;
        float[] dTanh = Dropout.apply(classifier.backward(t.dropped(), dLogits, batch), t.mask());
        Kernels.tanhBackward(t.tanh(), dTanh, dTanh, dTanh.length);
        return pooler.backward(t.input(), dTanh, batch);
    }
}
