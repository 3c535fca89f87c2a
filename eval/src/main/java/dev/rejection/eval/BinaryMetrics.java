package dev.rejection.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The card's metrics as pure functions of {@code scores[i] = P(REJECTION)} and gold {@code labels[i]} ∈ {0, 1},
 * with REJECTION as the positive class. Nothing here knows about models: any detector that yields a probability
 * can be judged by it.
 *
 * <p>Every function requires at least one example, equally long arrays, finite scores in [0, 1] and labels 0 or 1,
 * and says which index breaks that.
 */
public final class BinaryMetrics {
    /**
     * Lower bound on the probability given to the true class inside the loss, so a confidently wrong prediction
     * (P = 0) costs −ln(1e−12) ≈ 27.63 instead of infinity — one bad row must not make the mean meaningless.
     * scikit-learn's {@code log_loss} clips the same way (its eps).
     */
    public static final double LOSS_CLAMP = 1e-12;

    private BinaryMetrics() {
    }

    /**
     * Mean binary cross-entropy of the predicted distribution (1 − score, score) against the labels:
     * {@code −mean(ln max(p_true, 1e−12))} with {@code p_true = score} for label 1 and {@code 1 − score} for label 0.
     * Natural logarithm, as PyTorch's and the Hugging Face Trainer's {@code eval_loss}.
     */
    public static double logLoss(double[] scores, int[] labels) {
        check(scores, labels);
        double sum = 0;
        for (int i = 0; i < scores.length; i++) {
            double pTrue = labels[i] == 1 ? scores[i] : 1.0 - scores[i];
            sum -= Math.log(Math.max(pTrue, LOSS_CLAMP));
        }
        return sum / scores.length;
    }

    /** Confusion matrix when a text is called a rejection iff {@code score > threshold} (the Verdict rule). */
    public static Confusion confusion(double[] scores, int[] labels, double threshold) {
        check(scores, labels);
        int tp = 0, fp = 0, tn = 0, fn = 0;
        for (int i = 0; i < scores.length; i++) {
            boolean predicted = scores[i] > threshold;
            if (labels[i] == 1) {
                if (predicted) tp++; else fn++;
            } else {
                if (predicted) fp++; else tn++;
            }
        }
        return new Confusion(tp, fp, tn, fn);
    }

    /**
     * Area under the ROC curve as the Mann–Whitney statistic: the probability that a random REJECTION scores higher
     * than a random NORMAL, counting a tie as one half (computed from mid-ranks, O(n log n)). Equals scikit-learn's
     * {@code roc_auc_score}. Empty when only one class is present: the area is undefined there.
     */
    public static OptionalDouble rocAuc(double[] scores, int[] labels) {
        check(scores, labels);
        long positives = Arrays.stream(labels).filter(y -> y == 1).count();
        long negatives = labels.length - positives;
        if (positives == 0 || negatives == 0) {
            return OptionalDouble.empty();
        }
        Integer[] order = ascending(scores);
        double positiveRankSum = 0;
        for (int start = 0; start < order.length; ) {
            int end = start;
            while (end + 1 < order.length && scores[order[end + 1]] == scores[order[start]]) {
                end++;
            }
            double midRank = (start + end) / 2.0 + 1.0; // tied scores share the mean of their 1-based ranks
            for (int k = start; k <= end; k++) {
                if (labels[order[k]] == 1) {
                    positiveRankSum += midRank;
                }
            }
            start = end + 1;
        }
        double u = positiveRankSum - positives * (positives + 1) / 2.0;
        return OptionalDouble.of(u / ((double) positives * negatives));
    }

    /**
     * Area under the precision–recall curve as average precision, defined exactly as scikit-learn's
     * {@code average_precision_score}: {@code AP = Σ_k (R_k − R_{k−1}) · P_k} over the distinct scores taken as
     * thresholds from high to low (tied scores enter together), R_0 = 0. No interpolation, no trapezoids.
     * Empty when there is no positive example: recall is undefined there.
     */
    public static OptionalDouble averagePrecision(double[] scores, int[] labels) {
        check(scores, labels);
        List<Cut> cuts = cuts(scores, labels);
        int positives = cuts.get(cuts.size() - 1).tp;
        if (positives == 0) {
            return OptionalDouble.empty();
        }
        double ap = 0, previousRecall = 0;
        for (Cut cut : cuts) {
            double recall = (double) cut.tp / positives;
            ap += (recall - previousRecall) * cut.precision();
            previousRecall = recall;
        }
        return OptionalDouble.of(ap);
    }

    /**
     * The threshold that maximises F1 under the strict {@code score > threshold} rule, with its confusion matrix.
     *
     * <p>Only the set of texts above the threshold matters, so the candidates are "the k highest distinct scores are
     * rejections" for k = 0..(number of distinct scores). For each, the returned threshold is the midpoint between the
     * lowest score called a rejection and the highest one not called one — any value in that gap gives the same
     * verdicts, and the midpoint survives rounding when a user copies it into {@code --threshold}. Above the top score
     * the gap is closed by 1; below the bottom score by 0. A score of 0 is a rejection at no threshold in [0, 1], so
     * no candidate calls one a rejection. On equal F1 the highest threshold (fewest texts called rejections) wins. With
     * no positives every F1 is 0 and the point that calls nothing a rejection is returned.
     */
    public static OperatingPoint bestF1(double[] scores, int[] labels) {
        check(scores, labels);
        List<Cut> cuts = cuts(scores, labels);
        Cut all = cuts.get(cuts.size() - 1);
        int positives = all.tp, negatives = all.fp;

        OperatingPoint best = new OperatingPoint(between(cuts.get(0).score, 1.0),
                new Confusion(0, 0, negatives, positives));
        for (int k = 0; k < cuts.size(); k++) {
            Cut cut = cuts.get(k);
            Confusion c = new Confusion(cut.tp, cut.fp, negatives - cut.fp, positives - cut.tp);
            if (cut.score > 0 && c.f1() > best.confusion().f1()) {
                double below = k + 1 < cuts.size() ? cuts.get(k + 1).score : 0.0;
                best = new OperatingPoint(between(below, cut.score), c);
            }
        }
        return best;
    }

    /**
     * The ROC curve, (false-positive rate, true-positive rate) from (0, 0) to (1, 1), one point per distinct score.
     * Empty when only one class is present.
     */
    public static List<Point> rocCurve(double[] scores, int[] labels) {
        check(scores, labels);
        List<Cut> cuts = cuts(scores, labels);
        Cut all = cuts.get(cuts.size() - 1);
        if (all.tp == 0 || all.fp == 0) {
            return List.of();
        }
        List<Point> points = new ArrayList<>(cuts.size() + 1);
        points.add(new Point(0, 0));
        for (Cut cut : cuts) {
            points.add(new Point((double) cut.fp / all.fp, (double) cut.tp / all.tp));
        }
        return points;
    }

    /**
     * The precision–recall curve, (recall, precision), one point per distinct score from the highest, preceded by
     * (0, 1) as scikit-learn does. Empty when there is no positive example.
     */
    public static List<Point> prCurve(double[] scores, int[] labels) {
        check(scores, labels);
        List<Cut> cuts = cuts(scores, labels);
        int positives = cuts.get(cuts.size() - 1).tp;
        if (positives == 0) {
            return List.of();
        }
        List<Point> points = new ArrayList<>(cuts.size() + 1);
        points.add(new Point(0, 1));
        for (Cut cut : cuts) {
            points.add(new Point((double) cut.tp / positives, cut.precision()));
        }
        return points;
    }

    /**
     * Cumulative counts at each distinct score, from the highest: tp and fp among the texts scoring at least
     * {@code score}. The last cut holds all positives (tp) and all negatives (fp).
     */
    private record Cut(double score, int tp, int fp) {
        double precision() {
            return (double) tp / (tp + fp);
        }
    }

    private static List<Cut> cuts(double[] scores, int[] labels) {
        Integer[] order = ascending(scores);
        List<Cut> cuts = new ArrayList<>();
        int tp = 0, fp = 0;
        for (int k = order.length - 1; k >= 0; k--) {
            int i = order[k];
            if (labels[i] == 1) tp++; else fp++;
            if (k == 0 || scores[order[k - 1]] != scores[i]) {
                cuts.add(new Cut(scores[i], tp, fp));
            }
        }
        return cuts;
    }

    private static Integer[] ascending(double[] scores) {
        Integer[] order = new Integer[scores.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        return order;
    }

    /** A threshold strictly below {@code high} and at least {@code low}: their midpoint unless rounding prevents it. */
    private static double between(double low, double high) {
        double mid = low + (high - low) / 2;
        return mid < high ? mid : low;
    }

    static void check(double[] scores, int[] labels) {
        if (scores.length != labels.length) {
            throw new IllegalArgumentException(
                    "scores and labels differ in length: " + scores.length + " vs " + labels.length);
        }
        if (scores.length == 0) {
            throw new IllegalArgumentException("no examples to evaluate");
        }
        for (int i = 0; i < scores.length; i++) {
            if (!(scores[i] >= 0 && scores[i] <= 1)) {
                throw new IllegalArgumentException("score at index " + i + " is not a probability in [0, 1]: " + scores[i]);
            }
            if (labels[i] != 0 && labels[i] != 1) {
                throw new IllegalArgumentException("label at index " + i + " is not 0 or 1: " + labels[i]);
            }
        }
    }
}
