package dev.rejection.eval.agreement;

import dev.rejection.pipeline.ScoreFunction;
import dev.rejection.pipeline.TextClassificationPipeline;
import dev.rejection.tokenizer.Encoding;

import java.util.List;

/**
 * How closely a candidate model (e.g. an int8 quantization) follows a reference model on a set of texts, both run
 * one text per call on the same encodings, so that neither padding nor batch mates move a score.
 *
 * <p>Label agreement alone can mislead: where logits sit near each other (a model with random weights, or texts
 * on the decision boundary) a tiny error flips labels, and where every text gets the same label agreement is
 * trivially 1. The logit correlation says whether the candidate follows the reference from text to text.
 *
 * @param texts            texts compared
 * @param agreeing         texts whose top label is the same in both
 * @param maxDelta         the largest |score difference| over all texts and labels
 * @param meanDelta        the mean |score difference| of the top reference label
 * @param maxLogitDelta    the largest |logit difference|
 * @param logitCorrelation the smallest, over labels, Pearson correlation across texts of the two models' logits
 *                         (NaN when a label's reference logits do not vary)
 * @param logitSpread      the smallest, over labels, standard deviation across texts of the reference logits: the
 *                         signal that {@link #maxLogitDelta} is to be read against
 */
public record Agreement(int texts, int agreeing, double maxDelta, double meanDelta, double maxLogitDelta,
                        double logitCorrelation, double logitSpread) {

    /** Share of texts whose labels agree, in [0, 1]. */
    public double agreement() {
        return texts == 0 ? 1 : (double) agreeing / texts;
    }

    /** Runs both models on every text (one per call) and compares. */
    public static Agreement measure(TextClassificationPipeline reference, TextClassificationPipeline candidate,
                                    List<String> texts) {
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("no texts to compare the models on");
        }
        float[][] refLogits = new float[texts.size()][];
        float[][] candLogits = new float[texts.size()][];
        for (int i = 0; i < texts.size(); i++) {
            Encoding encoding = reference.preprocess(texts.get(i));
            refLogits[i] = reference.forward(List.of(encoding))[0];
            candLogits[i] = candidate.forward(List.of(encoding))[0];
        }
        return compare(refLogits, candLogits, reference.scoreFunction());
    }

    /** Compares rows of logits, [text][label], of the two models. */
    public static Agreement compare(float[][] reference, float[][] candidate, ScoreFunction scores) {
        if (reference.length != candidate.length || reference.length == 0) {
            throw new IllegalArgumentException(reference.length + " reference rows but " + candidate.length
                    + " candidate rows");
        }
        int n = reference.length;
        int labels = reference[0].length;
        int agreeing = 0;
        double maxDelta = 0;
        double sumTopDelta = 0;
        double maxLogitDelta = 0;
        for (int i = 0; i < n; i++) {
            double[] r = scores.apply(reference[i]);
            double[] c = scores.apply(candidate[i]);
            int top = argmax(r);
            agreeing += top == argmax(c) ? 1 : 0;
            sumTopDelta += Math.abs(r[top] - c[top]);
            for (int l = 0; l < labels; l++) {
                maxDelta = Math.max(maxDelta, Math.abs(r[l] - c[l]));
                maxLogitDelta = Math.max(maxLogitDelta, Math.abs(reference[i][l] - candidate[i][l]));
            }
        }
        double correlation = Double.POSITIVE_INFINITY;
        double spread = Double.POSITIVE_INFINITY;
        for (int l = 0; l < labels; l++) {
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = reference[i][l];
                y[i] = candidate[i][l];
            }
            correlation = Math.min(correlation, pearson(x, y));
            spread = Math.min(spread, Math.sqrt(variance(x)));
        }
        return new Agreement(n, agreeing, maxDelta, sumTopDelta / n, maxLogitDelta, correlation, spread);
    }

    private static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double variance(double[] v) {
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return s / v.length;
    }

    private static double pearson(double[] x, double[] y) {
        double mx = mean(x);
        double my = mean(y);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "labels agree on %d/%d texts (%.2f%%), max |Δ probability| %.5f, "
                + "mean |Δ| of the top label %.5f, max |Δ logit| %.5f, logit correlation %.5f (logit spread %.5f)",
                agreeing, texts, 100 * agreement(), maxDelta, meanDelta, maxLogitDelta, logitCorrelation, logitSpread);
    }
}
