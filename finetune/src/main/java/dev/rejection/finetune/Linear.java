package dev.rejection.finetune;

/** {@code y = x·W + b} over rows, W stored {@code [in, out]}. */
final class Linear {

    final Param weight;
    final Param bias;
    final int in;
    final int out;

    Linear(String module, int in, int out) {
        this.weight = Param.linearWeight(module + ".weight", in, out);
        this.bias = Param.vector(module + ".bias", out);
        this.in = in;
        this.out = out;
    }

    float[] forward(float[] x, int rows) {
        float[] y = new float[rows * out];
        Kernels.matmul(x, weight.value, y, rows, in, out, false);
        Kernels.addBias(y, bias.value, y, rows, out);
        return y;
    }

    /** Accumulates {@code dW += xᵀ·dy}, {@code db += Σ dy} and returns {@code dx = dy·Wᵀ}. */
    float[] backward(float[] x, float[] dy, int rows) {
        Kernels.matmulTransposedA(x, dy, weight.grad, in, rows, out, true);
        Kernels.sumRows(dy, bias.grad, rows, out);
        float[] dx = new float[rows * in];
        Kernels.matmulTransposedB(dy, weight.value, dx, rows, out, in, false);
        return dx;
    }
}
