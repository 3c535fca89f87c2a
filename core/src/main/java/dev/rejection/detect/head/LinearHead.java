package dev.rejection.detect.head;

import java.util.Arrays;

/**
 * A logistic-regression head over a feature vector: features are standardised with the training set's mean and
 * scale, then {@code p = sigmoid(w · z + b)}. Immutable; the arrays are copied in.
 */
public final class LinearHead {
    private final double[] mean;
    private final double[] scale;
    private final double[] weights;
    private final double bias;

    public LinearHead(double[] mean, double[] scale, double[] weights, double bias) {
        if (mean.length != weights.length || scale.length != weights.length) {
            throw new IllegalArgumentException("head dimensions disagree: mean " + mean.length + ", scale "
                    + scale.length + ", weights " + weights.length);
        }
        this.mean = mean.clone();
        this.scale = scale.clone();
        this.weights = weights.clone();
        this.bias = bias;
    }

    public int dimension() { return weights.length; }

    /** The logit {@code w · standardise(x) + b}. */
    public double logit(double[] features) {
        if (features.length != weights.length) {
            throw new IllegalArgumentException("expected " + weights.length + " features, got " + features.length);
        }
        double z = bias;
        for (int i = 0; i < features.length; i++) {
            z += weights[i] * (features[i] - mean[i]) / scale[i];
        }
        return z;
    }

    /** Probability of the positive class. */
    public double probability(double[] features) {
        return sigmoid(logit(features));
    }

    public static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }

    public double[] mean() { return mean.clone(); }

    public double[] scale() { return scale.clone(); }

    public double[] weights() { return weights.clone(); }

    public double bias() { return bias; }

    @Override
    public String toString() {
        return "LinearHead[dimension=" + weights.length + ", bias=" + bias + ", |w|="
                + Math.sqrt(Arrays.stream(weights).map(w -> w * w).sum()) + "]";
    }
}
