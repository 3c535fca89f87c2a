package dev.rejection.finetune;

/**
 * Softmax cross-entropy over logits {@code [batch, labels]}, averaged as PyTorch's {@code CrossEntropyLoss} does:
 * with class weights {@code w}, {@code Σ w[y]·(-log p[y]) / Σ w[y]}; without, the plain mean.
 */
public final class CrossEntropy {

    private CrossEntropy() {
    }

    /** The loss and its gradient with respect to the logits. */
    public record Result(double loss, float[] dLogits) {
    }

    /** {@code classWeights} may be null (all 1). */
    public static Result of(float[] logits, int[] labels, int numLabels, float[] classWeights) {
        int batch = labels.length;
        float[] d = new float[logits.length];
        double total = 0;
        double weightSum = 0;
        for (int b = 0; b < batch; b++) {
            int y = labels[b];
            if (y < 0 || y >= numLabels) {
                throw new IllegalArgumentException("label " + y + " of example " + b + " is not in [0, " + numLabels
                        + ")");
            }
            double w = classWeights == null ? 1 : classWeights[y];
            double[] p = softmax(logits, b * numLabels, numLabels);
            total += -w * StrictMath.log(Math.max(p[y], Double.MIN_NORMAL));
            weightSum += w;
            for (int c = 0; c < numLabels; c++) {
                d[b * numLabels + c] = (float) (w * (p[c] - (c == y ? 1 : 0)));
            }
        }
        for (int i = 0; i < d.length; i++) {
            d[i] /= (float) weightSum;
        }
        return new Result(total / weightSum, d);
    }

    /** Softmax of one row, in double. */
    public static double[] softmax(float[] logits, int off, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < n; c++) {
            max = Math.max(max, logits[off + c]);
        }
        double[] p = new double[n];
        double sum = 0;
        for (int c = 0; c < n; c++) {
            p[c] = StrictMath.exp(logits[off + c] - max);
            sum += p[c];
        }
        for (int c = 0; c < n; c++) {
            p[c] /= sum;
        }
        return p;
    }
}
