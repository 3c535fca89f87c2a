package dev.rejection.bench;

import dev.rejection.finetune.Architecture;
import dev.rejection.finetune.Batch;
import dev.rejection.finetune.CrossEntropy;
import dev.rejection.finetune.Example;
import dev.rejection.finetune.Kernels;
import dev.rejection.finetune.SequenceClassifier;
import dev.rejection.finetune.train.AdamW;
import dev.rejection.onnx.graph.EncoderConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Fine-tuning throughput of the pure-Java engine on all-MiniLM-L6-v2's shape (BERT, 6 layers, hidden 384, 12
 * heads, FFN 1536), batch 16 × 128 tokens, no padding, all cores (the kernels split rows over the common pool).
 * {@code trainStep} is one optimizer step (forward, backward, AdamW): its score is training tokens per second.
 * {@code feedForwardProducts} is the matmul kernel alone on the feed-forward shapes ({@code x·W}, {@code xᵀ·dy},
 * {@code dy·Wᵀ}): its score is MFLOP/s (one operation = 1 MFLOP).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 10)
@Measurement(iterations = 3, time = 10)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx4g"})
@Threads(1)
@State(Scope.Benchmark)
public class FineTuneBenchmark {

    static final int BATCH = 16;
    static final int SEQ = 128;
    static final int HIDDEN = 384;
    static final int INNER = 1536;
    /** Tokens per step; keep in step with the {@link OperationsPerInvocation} of {@link #trainStep}. */
    static final int TOKENS = BATCH * SEQ;
    /** MFLOP of the three feed-forward products: 3 · 2 · 2048 · 384 · 1536 / 1e6. */
    static final int PRODUCT_MFLOP = 7247;

    private SequenceClassifier model;
    private AdamW optimizer;
    private Batch batch;
    private long step;
    private float[] x;
    private float[] w;
    private float[] y;
    private float[] dw;
    private float[] dx;

    @Setup(Level.Trial)
    public void setUp() {
        EncoderConfig e = new EncoderConfig("bert", 30522, HIDDEN, 6, 12, INNER, 512, 2, 0, 1e-12, 0.02, 2);
        model = new SequenceClassifier(new Architecture(e, 0.1, 0.1, 0.1));
        model.initialize(1, null);
        optimizer = new AdamW(model.params(), 0.9, 0.999, 1e-8, 0.01);
        SplittableRandom r = new SplittableRandom(3);
        List<Example> examples = new ArrayList<>();
        for (int b = 0; b < BATCH; b++) {
            examples.add(Example.of(r.ints(SEQ, 5, e.vocabSize()).toArray(), b % 2));
        }
        batch = Batch.of(examples, e.padTokenId());
        x = random(TOKENS * HIDDEN, r);
        w = random(HIDDEN * INNER, r);
        y = new float[TOKENS * INNER];
        dw = new float[HIDDEN * INNER];
        dx = new float[TOKENS * HIDDEN];
    }

    @Benchmark
    @OperationsPerInvocation(TOKENS)
    public double trainStep() {
        model.zeroGrad();
        SequenceClassifier.Trace t = model.forwardTraining(batch, step++);
        CrossEntropy.Result loss = CrossEntropy.of(t.logits(), batch.labels(), 2, null);
        model.backward(t, loss.dLogits());
        optimizer.step(1e-5, 1.0);
        return loss.loss();
    }

    @Benchmark
    @OperationsPerInvocation(PRODUCT_MFLOP)
    public float feedForwardProducts() {
        Kernels.matmul(x, w, y, TOKENS, HIDDEN, INNER, false);
        Kernels.matmulTransposedA(x, y, dw, HIDDEN, TOKENS, INNER, false);
        Kernels.matmulTransposedB(y, w, dx, TOKENS, INNER, HIDDEN, false);
        return dx[0];
    }

    private static float[] random(int n, SplittableRandom r) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (r.nextDouble() - 0.5);
        }
        return v;
    }
}
