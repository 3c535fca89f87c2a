package dev.rejection.train;

import dev.rejection.detect.head.LinearHead;

import java.util.Arrays;

/**
 * L2-regularised logistic regression fitted with L-BFGS on standardised features.
 *
 * <p>Minimises {@code Σ sᵢ·[log(1+e^{zᵢ}) − yᵢ·zᵢ] / Σ sᵢ + λ/2·‖w‖²} where {@code zᵢ = w·standardise(xᵢ) + b} and
 * {@code sᵢ} are sample weights (for class balancing). The bias is not regularised. Full-batch and deterministic:
 * the same data give the same head, bit for bit, on the same JVM.
 */
public final class LogisticRegression {
    private final double l2;
    private final int maxIterations;
    private final double tolerance;

    /**
     * @param l2            strength λ of the L2 penalty on the weights (on standardised features)
     * @param maxIterations upper bound on L-BFGS iterations
     * @param tolerance     stop when the gradient's max-norm falls below this
     */
    public LogisticRegression(double l2, int maxIterations, double tolerance) {
        if (l2 < 0) throw new IllegalArgumentException("l2 must be >= 0, got " + l2);
        if (maxIterations < 1) throw new IllegalArgumentException("maxIterations must be >= 1, got " + maxIterations);
        this.l2 = l2;
        this.maxIterations = maxIterations;
        this.tolerance = tolerance;
    }

    /** Balanced sample weights: each class contributes half of the total weight. */
    public static double[] balancedWeights(int[] labels) {
        long positives = Arrays.stream(labels).filter(y -> y == 1).count();
        long negatives = labels.length - positives;
        if (positives == 0 || negatives == 0) {
            throw new IllegalArgumentException("both classes are needed to train, got " + positives
                    + " positive and " + negatives + " negative examples");
        }
        double[] weights = new double[labels.length];
        for (int i = 0; i < labels.length; i++) {
            weights[i] = labels[i] == 1 ? labels.length / (2.0 * positives) : labels.length / (2.0 * negatives);
        }
        return weights;
    }

    /** Fits a head; {@code sampleWeights} may be null for equal weights. */
    public LinearHead fit(double[][] features, int[] labels, double[] sampleWeights) {
        int n = features.length;
        if (n == 0 || n != labels.length) {
            throw new IllegalArgumentException("need as many labels as feature rows, got " + n + " rows and "
                    + labels.length + " labels");
        }
        int d = features[0].length;
        double[] mean = new double[d];
        double[] scale = new double[d];
        standardisation(features, mean, scale);
        double[][] z = new double[n][];
        for (int i = 0; i < n; i++) {
            if (features[i].length != d) {
                throw new IllegalArgumentException("row " + i + " has " + features[i].length + " features, expected " + d);
            }
            if (labels[i] != 0 && labels[i] != 1) {
                throw new IllegalArgumentException("row " + i + " has label " + labels[i] + ", expected 0 or 1");
            }
            z[i] = new double[d];
            for (int j = 0; j < d; j++) z[i][j] = (features[i][j] - mean[j]) / scale[j];
        }
        double[] s = sampleWeights != null ? sampleWeights : filled(n, 1.0);
        double totalWeight = Arrays.stream(s).sum();

        Objective objective = (theta, gradient) -> {
            Arrays.fill(gradient, 0);
            double loss = 0;
            for (int i = 0; i < n; i++) {
                double logit = theta[d];
                double[] row = z[i];
                for (int j = 0; j < d; j++) logit += theta[j] * row[j];
                // log(1 + e^logit) computed stably
                double softplus = logit > 0 ? logit + Math.log1p(Math.exp(-logit)) : Math.log1p(Math.exp(logit));
                loss += s[i] * (softplus - labels[i] * logit);
                double residual = s[i] * (LinearHead.sigmoid(logit) - labels[i]);
                for (int j = 0; j < d; j++) gradient[j] += residual * row[j];
                gradient[d] += residual;
            }
            loss /= totalWeight;
            for (int j = 0; j <= d; j++) gradient[j] /= totalWeight;
            for (int j = 0; j < d; j++) {
                loss += 0.5 * l2 * theta[j] * theta[j];
                gradient[j] += l2 * theta[j];
            }
            return loss;
        };
        double[] theta = new Lbfgs(10, maxIterations, tolerance).minimise(objective, new double[d + 1]);
        return new LinearHead(mean, scale, Arrays.copyOf(theta, d), theta[d]);
    }

    private static void standardisation(double[][] x, double[] mean, double[] scale) {
        int n = x.length;
        int d = mean.length;
        for (double[] row : x) for (int j = 0; j < d; j++) mean[j] += row[j] / n;
        for (double[] row : x) for (int j = 0; j < d; j++) scale[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / n;
        for (int j = 0; j < d; j++) {
            double sd = Math.sqrt(scale[j]);
            scale[j] = sd > 1e-12 ? sd : 1.0; // a constant feature stays at zero after centring
        }
    }

    private static double[] filled(int n, double value) {
        double[] a = new double[n];
        Arrays.fill(a, value);
        return a;
    }

    /** A differentiable function: returns f(θ) and writes ∇f(θ) into {@code gradient}. */
    @FunctionalInterface
    interface Objective {
        double evaluate(double[] theta, double[] gradient);
    }
}
