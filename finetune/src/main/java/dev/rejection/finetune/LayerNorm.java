package dev.rejection.finetune;

import java.util.Arrays;

/** LayerNorm over the hidden axis, with learned scale γ ({@code .weight}) and shift β ({@code .bias}). */
final class LayerNorm {

    final Param gamma;
    final Param beta;
    private final int width;
    private final float eps;

    LayerNorm(String module, int width, double eps) {
        this.gamma = Param.vector(module + ".weight", width);
        this.beta = Param.vector(module + ".bias", width);
        Arrays.fill(gamma.value, 1f);
        this.width = width;
        this.eps = (float) eps;
    }

    /** The output {@code y}, and what the backward pass needs: the input and its per-row statistics. */
    record Trace(float[] y, float[] x, float[] mean, float[] rstd, int rows) {
    }

    Trace forward(float[] x, int rows) {
        float[] y = new float[rows * width];
        float[] mean = new float[rows];
        float[] rstd = new float[rows];
        Kernels.layerNorm(x, gamma.value, beta.value, y, mean, rstd, rows, width, eps);
        return new Trace(y, x, mean, rstd, rows);
    }

    float[] backward(Trace t, float[] dy) {
        float[] dx = new float[t.rows() * width];
        Kernels.layerNormBackward(t.x(), gamma.value, t.mean(), t.rstd(), dy, dx, gamma.grad, beta.grad, t.rows(),
                width);
        return dx;
    }
}
