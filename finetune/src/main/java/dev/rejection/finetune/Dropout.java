package dev.rejection.finetune;

import java.util.SplittableRandom;

/**
 * Inverted dropout with a seeded random stream: during training each value is kept with probability
 * {@code 1 - p} and scaled by {@code 1/(1 - p)}; the mask is kept for the backward pass. Off at evaluation.
 */
final class Dropout {

    private final double p;

    Dropout(double p) {
        this.p = p;
    }

    /** The scaled mask for {@code n} values, or null when this pass drops nothing. */
    float[] mask(int n, Pass pass) {
        if (!pass.training() || p == 0) {
            return null;
        }
        SplittableRandom random = pass.random();
        float keep = (float) (1 / (1 - p));
        float[] m = new float[n];
        for (int i = 0; i < n; i++) {
            m[i] = random.nextDouble() < p ? 0f : keep;
        }
        return m;
    }

    /** {@code x ⊙ mask} in place (x unchanged when mask is null); returns x. */
    static float[] apply(float[] x, float[] mask) {
        if (mask != null) {
            Kernels.multiply(x, mask, x, x.length);
        }
        return x;
    }
}
