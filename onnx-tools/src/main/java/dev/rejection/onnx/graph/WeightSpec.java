package dev.rejection.onnx.graph;

import java.util.Arrays;

/**
 * A weight a graph needs: its Hugging Face parameter name, its shape in the graph, and how Hugging Face
 * initialises it. Linear layers' weights are stored {@code [in, out]} (the right-hand side of MatMul, as the
 * Optimum export stores them), which is the transpose of PyTorch's {@code Linear.weight}.
 *
 * @param name       Hugging Face parameter name, e.g. {@code roberta.encoder.layer.0.attention.self.query.weight}
 * @param dims       shape in the graph
 * @param init       initialisation of a fresh model
 * @param paddingRow row of an embedding that starts (and stays) zero, or -1
 */
public record WeightSpec(String name, long[] dims, Init init, int paddingRow) {

    /** How a fresh weight starts (Hugging Face {@code _init_weights}). */
    public enum Init {
        /** Normal with mean 0 and the config's {@code initializer_range} as standard deviation. */
        NORMAL,
        ZEROS,
        ONES
    }

    public WeightSpec {
        dims = dims.clone();
    }

    @Override
    public long[] dims() {
        return dims.clone();
    }

    public long elementCount() {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        return n;
    }

    @Override
    public String toString() {
        return name + Arrays.toString(dims);
    }
}
