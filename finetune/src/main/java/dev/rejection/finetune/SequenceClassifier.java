package dev.rejection.finetune;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code BertForSequenceClassification} or {@code RobertaForSequenceClassification}, trainable: embeddings, a stack
 * of {@link EncoderLayer}s, and the model type's {@link ClassificationHead} on the first token. Parameters carry
 * their Hugging Face names. Not thread-safe: one training loop owns a model.
 *
 * <pre>{@code
 * SequenceClassifier model = new SequenceClassifier(arch);
 * SequenceClassifier.Trace t = model.forward(batch, Pass.training(seed));
 * CrossEntropy.Result loss = CrossEntropy.of(t.logits(), batch.labels(), arch.encoder().numLabels(), null);
 * model.backward(t, loss.dLogits());   // gradients accumulate in each Param
 * }</pre>
 */
public final class SequenceClassifier {

    private final Architecture arch;
    final Embeddings embeddings;
    final List<EncoderLayer> layers;
    final ClassificationHead head;
    private final Map<String, Param> params;

    /** A model of {@code arch} with zero weights and unit LayerNorm scales; load or {@link #initialize} it. */
    public SequenceClassifier(Architecture arch) {
        this.arch = arch;
        String prefix = arch.encoder().modelType();
        embeddings = new Embeddings(prefix + ".embeddings", arch);
        List<EncoderLayer> stack = new ArrayList<>();
        for (int i = 0; i < arch.encoder().numHiddenLayers(); i++) {
            stack.add(new EncoderLayer(prefix + ".encoder.layer." + i, arch));
        }
        layers = List.copyOf(stack);
        head = ClassificationHead.of(arch);
        Map<String, Param> all = new LinkedHashMap<>();
        embeddings.params().forEach(p -> all.put(p.name(), p));
        layers.forEach(l -> l.params().forEach(p -> all.put(p.name(), p)));
        head.params().forEach(p -> all.put(p.name(), p));
        params = Collections.unmodifiableMap(all);
    }

    public Architecture architecture() {
        return arch;
    }

    /** Every parameter, in Hugging Face's module order. */
    public List<Param> params() {
        return List.copyOf(params.values());
    }

    /** The parameter of that Hugging Face name, or null. */
    public Param param(String name) {
        return params.get(name);
    }

    /** The classification head's parameters (with BERT's pooler): what a frozen-encoder run trains. */
    public List<Param> headParams() {
        return head.params();
    }

    public long parameterCount() {
        return params.values().stream().mapToLong(Param::size).sum();
    }

    /**
     * Hugging Face's {@code _init_weights}: Linear weights and embeddings normal(0, initializer_range), biases 0,
     * LayerNorm scale 1 and shift 0, the word embedding's pad row 0. {@code only} limits it to the named
     * parameters (e.g. a fresh head on a pretrained encoder); null means all.
     */
    public void initialize(long seed, java.util.Set<String> only) {
        SplittableRandom random = new SplittableRandom(seed);
        double std = arch.encoder().initializerRange();
        for (Param p : params.values()) {
            if (only != null && !only.contains(p.name())) {
                continue;
            }
            boolean normal = p.linear() || p.shape().length == 2;
            boolean norm = p.name().contains("LayerNorm.weight");
            for (int i = 0; i < p.value.length; i++) {
                p.value[i] = normal ? (float) (random.nextGaussian() * std) : norm ? 1f : 0f;
            }
        }
        if (only == null || only.contains(embeddings.words.name())) {
            int h = arch.encoder().hiddenSize();
            java.util.Arrays.fill(embeddings.words.value, arch.encoder().padTokenId() * h,
                    (arch.encoder().padTokenId() + 1) * h, 0f);
        }
    }

    public void zeroGrad() {
        params.values().forEach(Param::zeroGrad);
    }

    /** Every layer's trace, for {@link #backward}. */
    public record Trace(Batch batch, Embeddings.Trace embeddings, List<EncoderLayer.Trace> layers,
                        ClassificationHead.Trace head) {

        /** {@code [batch, labels]}. */
        public float[] logits() {
            return head.logits();
        }
    }

    /** The forward pass; {@code pass} says whether dropout is on. */
    public Trace forward(Batch batch, Pass pass) {
        Embeddings.Trace e = embeddings.forward(batch, pass);
        float[] x = e.y();
        List<EncoderLayer.Trace> traces = new ArrayList<>(layers.size());
        for (EncoderLayer layer : layers) {
            EncoderLayer.Trace t = layer.forward(x, batch, pass);
            traces.add(t);
            x = t.y();
        }
        return new Trace(batch, e, traces, head.forward(firstTokens(x, batch), batch.size(), pass));
    }

    /** Logits {@code [batch, labels]} with dropout off. */
    public float[] logits(Batch batch) {
        return forward(batch, Pass.evaluation()).logits();
    }

    /** Forward with dropout drawn from {@code dropoutSeed}: the training pass. */
    public Trace forwardTraining(Batch batch, long dropoutSeed) {
        return forward(batch, Pass.training(dropoutSeed));
    }

    /** Accumulates every parameter's gradient of the loss whose gradient at the logits is {@code dLogits}. */
    public void backward(Trace t, float[] dLogits) {
        Batch batch = t.batch();
        int h = arch.encoder().hiddenSize();
        float[] dFirst = head.backward(t.head(), dLogits, batch.size());
        float[] dx = new float[batch.size() * batch.length() * h];
        for (int b = 0; b < batch.size(); b++) {
            System.arraycopy(dFirst, b * h, dx, b * batch.length() * h, h);
        }
        for (int i = layers.size() - 1; i >= 0; i--) {
            dx = layers.get(i).backward(t.layers().get(i), dx, batch);
        }
        embeddings.backward(t.embeddings(), dx, batch);
    }

    /** Accumulates the head's gradients only: the encoder stays frozen. */
    public void backwardHead(Trace t, float[] dLogits) {
        head.backward(t.head(), dLogits, t.batch().size());
    }

    private float[] firstTokens(float[] x, Batch batch) {
        int h = arch.encoder().hiddenSize();
        float[] first = new float[batch.size() * h];
        for (int b = 0; b < batch.size(); b++) {
            System.arraycopy(x, b * batch.length() * h, first, b * h, h);
        }
        return first;
    }
}
