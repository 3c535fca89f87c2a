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

/**
 * Training throughput of the engine: forward + backward + AdamW steps on full (unpadded) batches of random tokens,
 * reported as tokens/s and as achieved GFLOP/s of the model's matrix products, next to the matmul kernel alone on
 * the model's largest shapes. A main, not a timed test (see the module README for the command).
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar dev.rejection.bench.TrainBench [minilm|distilroberta] [batch] [seq] [steps]
 * </pre>
 */
public final class TrainBench {

    private TrainBench() {
    }

    public static void main(String[] args) {
        String name = args.length > 0 ? args[0] : "minilm";
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int seq = args.length > 2 ? Integer.parseInt(args[2]) : 128;
        int steps = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        EncoderConfig e = switch (name) {
            case "minilm" -> new EncoderConfig("bert", 30522, 384, 6, 12, 1536, 512, 2, 0, 1e-12, 0.02, 2);
            case "distilroberta" -> new EncoderConfig("roberta", 50265, 768, 6, 12, 3072, 514, 1, 1, 1e-5, 0.02, 2);
            default -> throw new IllegalArgumentException("model '" + name + "': minilm or distilroberta");
        };
        System.out.printf("%s, batch %d x %d tokens, %d threads (common pool %d + caller), %s%n", name, batch, seq,
                Runtime.getRuntime().availableProcessors(),
                java.util.concurrent.ForkJoinPool.commonPool().getParallelism(), System.getProperty("java.version"));
        matmul(batch * seq, e.hiddenSize(), e.intermediateSize());
        train(e, batch, seq, steps);
    }

    /** The kernel alone on the feed-forward shapes: forward, and both backward products. */
    private static void matmul(int m, int h, int inner) {
        float[] a = random(m * h, 1);
        float[] w = random(h * inner, 2);
        float[] y = new float[m * inner];
        float[] dw = new float[h * inner];
        float[] dx = new float[m * h];
        for (int round = 0; round < 2; round++) {
            long t0 = System.nanoTime();
            int reps = 5;
            for (int r = 0; r < reps; r++) {
                Kernels.matmul(a, w, y, m, h, inner, false);             // y = x·W
                Kernels.matmulTransposedA(a, y, dw, h, m, inner, false); // dW = xᵀ·dy
                Kernels.matmulTransposedB(y, w, dx, m, inner, h, false); // dx = dy·Wᵀ
            }
            double s = (System.nanoTime() - t0) / 1e9;
            double flops = 3.0 * 2 * m * (double) h * inner * reps;
            if (round == 1) {
                System.out.printf("matmul [%d x %d] x [%d x %d] and its two backward products: %.1f GFLOP/s%n",
                        m, h, h, inner, flops / s / 1e9);
            }
        }
        // one thread, per second of CPU it actually got: comparable to the per-core peak on a shared machine
        var bean = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 2; round++) {
            long c0 = bean.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            Kernels.gemm(m, inner, h, a, 0, h, 1, w, 0, inner, 1, y, 0, inner, false, false);
            Kernels.gemm(h, inner, m, a, 0, 1, h, y, 0, inner, 1, dw, 0, inner, false, false);
            Kernels.gemm(m, h, inner, y, 0, inner, 1, w, 0, 1, inner, dx, 0, h, false, false);
            double cpu = (bean.getCurrentThreadCpuTime() - c0) / 1e9;
            double wall = (System.nanoTime() - t0) / 1e9;
            double flops = 3.0 * 2 * m * (double) h * inner;
            if (round == 1) {
                System.out.printf("one thread: %.1f GFLOP/s per CPU-second (%.1f per wall-second; %.0f%% of the "
                        + "time on a CPU)%n", flops / cpu / 1e9, flops / wall / 1e9, 100 * cpu / wall);
            }
        }
    }

    private static void train(EncoderConfig e, int batchSize, int seq, int steps) {
        Architecture arch = new Architecture(e, 0.1, 0.1, 0.1);
        SequenceClassifier model = new SequenceClassifier(arch);
        model.initialize(1, null);
        AdamW adam = new AdamW(model.params(), 0.9, 0.999, 1e-8, 0.01);
        SplittableRandom r = new SplittableRandom(3);
        List<Example> examples = new ArrayList<>();
        for (int b = 0; b < batchSize; b++) {
            int[] ids = new int[seq];
            for (int t = 0; t < seq; t++) {
                ids[t] = 5 + r.nextInt(e.vocabSize() - 5);
            }
            examples.add(Example.of(ids, b % 2));
        }
        Batch batch = Batch.of(examples, e.padTokenId());
        // matrix-product FLOPs per step: forward 2·m·k·n per product, backward twice that
        int h = e.hiddenSize();
        double tokens = (double) batchSize * seq;
        double perLayer = 2 * tokens * (4.0 * h * h + 2.0 * h * e.intermediateSize()) + 2 * 2 * tokens * seq * h;
        double flops = 3 * e.numHiddenLayers() * perLayer;
        long fb = 0;
        long total = 0;
        for (int step = -2; step < steps; step++) { // two warm-up steps
            long t0 = System.nanoTime();
            model.zeroGrad();
            SequenceClassifier.Trace t = model.forwardTraining(batch, step);
            model.backward(t, CrossEntropy.of(t.logits(), batch.labels(), 2, null).dLogits());
            long t1 = System.nanoTime();
            adam.step(1e-5, 1.0);
            long t2 = System.nanoTime();
            if (step >= 0) {
                fb += t1 - t0;
                total += t2 - t0;
            }
        }
        System.out.printf("training: %.0f tokens/s (forward+backward+AdamW), %.0f tokens/s forward+backward; "
                        + "%.2f s/step; %.1f GFLOP/s on the model's matmuls (%.1f GFLOP per step)%n",
                tokens * steps / (total / 1e9), tokens * steps / (fb / 1e9), total / 1e9 / steps,
                flops * steps / (fb / 1e9) / 1e9, flops / 1e9);
    }

    private static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (r.nextDouble() - 0.5);
        }
        return x;
    }
}
