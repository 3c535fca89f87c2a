package dev.rejection.eval.report;

import dev.rejection.eval.Calibration;
import dev.rejection.eval.Point;
import dev.rejection.eval.ScoreHistogram;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * The report's pictures: ROC curve, precision–recall curve, the score histograms of the two classes and the
 * reliability diagram.
 */
final class Charts {
    static final Color REJECTION = new Color(0xD62728);
    static final Color NORMAL = new Color(0x1F77B4);
    private static final Color CURVE = new Color(0x2CA02C);
    private static final Color REFERENCE = Color.GRAY;
    /** Histogram bins over [0, 1]. */
    static final int BINS = 20;

    private Charts() {
    }

    /** ROC curve with the chance diagonal. */
    static BufferedImage roc(List<Point> curve, double auc) {
        Plot plot = new Plot("ROC curve (REJECTION positive)", "False-positive rate", "True-positive rate",
                1, 10, 1, 10);
        Graphics2D g = plot.area();
        polyline(plot, g, List.of(new Point(0, 0), new Point(1, 1)), REFERENCE, true);
        polyline(plot, g, curve, CURVE, false);
        g.dispose();
        plot.addLegend(String.format(Locale.ROOT, "ROC, AUC = %.4f", auc), CURVE, false);
        plot.addLegend("chance", REFERENCE, true);
        return plot.finish(true);
    }

    /** Precision–recall curve with the "always REJECTION" baseline (precision = share of positives). */
    static BufferedImage pr(List<Point> curve, double averagePrecision, double positiveRate) {
        Plot plot = new Plot("Precision–recall curve (REJECTION positive)", "Recall", "Precision", 1, 10, 1, 10);
        Graphics2D g = plot.area();
        polyline(plot, g, List.of(new Point(0, positiveRate), new Point(1, positiveRate)), REFERENCE, true);
        polyline(plot, g, curve, CURVE, false);
        g.dispose();
        plot.addLegend(String.format(Locale.ROOT, "PR, AP = %.4f", averagePrecision), CURVE, false);
        plot.addLegend(String.format(Locale.ROOT, "always REJECTION (%.3f)", positiveRate), REFERENCE, true);
        return plot.finish(true);
    }

    /**
     * Score histograms of the NORMAL and REJECTION examples, each as the share of its class per bin (so a small
     * class stays visible next to a large one), overlaid, with the threshold as a vertical line.
     */
    static BufferedImage histogram(double[] normalScores, double[] rejectionScores, double threshold) {
        double[] normal = shares(normalScores);
        double[] rejection = shares(rejectionScores);
        double top = 0;
        for (int i = 0; i < BINS; i++) {
            top = Math.max(top, Math.max(normal[i], rejection[i]));
        }
        double yMax = Math.max(0.1, Math.ceil(top * 10) / 10);
        Plot plot = new Plot("Scores by gold label", "Score = P(REJECTION)", "Share of the class",
                1, 10, yMax, (int) Math.round(yMax <= 0.5 ? yMax / 0.05 : yMax * 10)); // ticks every 0.05 or 0.1
        Graphics2D g = plot.area();
        bars(plot, g, normal, NORMAL);
        bars(plot, g, rejection, REJECTION);
        if (threshold >= 0 && threshold <= 1) {
            g.setColor(Color.BLACK);
            g.setStroke(Plot.line(true));
            g.drawLine(plot.x(threshold), plot.y(0), plot.x(threshold), plot.y(yMax));
        }
        g.dispose();
        plot.addLegend("NORMAL (n = " + normalScores.length + ")", NORMAL, false);
        plot.addLegend("REJECTION (n = " + rejectionScores.length + ")", REJECTION, false);
        plot.addLegend(String.format(Locale.ROOT, "threshold %.3f", threshold), Color.BLACK, true);
        return plot.finish(false);
    }

    /**
     * The reliability diagram: each non-empty bin's share of refusals against its mean score, with the diagonal a
     * calibrated detector would follow, and the bins' sizes as faint bars (share of all texts) behind.
     */
    static BufferedImage reliability(Calibration calibration) {
        Plot plot = new Plot("Calibration (reliability diagram)", "Mean score in the bin = P(REJECTION)",
                "Share of refusals in the bin", 1, 10, 1, 10);
        Graphics2D g = plot.area();
        int total = calibration.bins().stream().mapToInt(Calibration.Bin::n).sum();
        Graphics2D fill = (Graphics2D) g.create();
        fill.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.25f));
        fill.setColor(Color.GRAY);
        for (Calibration.Bin bin : calibration.bins()) {
            double share = total == 0 ? 0 : (double) bin.n() / total;
            int left = plot.x(bin.low()), right = plot.x(bin.high());
            fill.fillRect(left + 1, plot.y(share), right - left - 2, plot.y(0) - plot.y(share));
        }
        fill.dispose();
        polyline(plot, g, List.of(new Point(0, 0), new Point(1, 1)), REFERENCE, true);
        List<Point> points = calibration.bins().stream().filter(b -> b.n() > 0)
                .map(b -> new Point(b.meanScore(), b.refusalShare())).toList();
        polyline(plot, g, points, CURVE, false);
        g.setColor(CURVE);
        for (Point p : points) {
            g.fillOval(plot.x(p.x()) - 4, plot.y(p.y()) - 4, 8, 8);
        }
        g.dispose();
        plot.addLegend(String.format(Locale.ROOT, "detector, ECE = %.4f", calibration.ece()), CURVE, false);
        plot.addLegend("perfectly calibrated", REFERENCE, true);
        plot.addLegend("share of texts per bin (bars)", Color.LIGHT_GRAY, false);
        return plot.finish(true);
    }

    /** Share of the scores in each of {@link #BINS} equal bins over [0, 1]; a score of exactly 1 goes in the last. */
    static double[] shares(double[] scores) {
        int[] counts = ScoreHistogram.counts(scores, BINS);
        double[] shares = new double[BINS];
        for (int i = 0; i < BINS && scores.length > 0; i++) { // a class without examples draws no bars
            shares[i] = (double) counts[i] / scores.length;
        }
        return shares;
    }

    private static void bars(Plot plot, Graphics2D g, double[] shares, Color color) {
        Graphics2D fill = (Graphics2D) g.create();
        fill.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.45f));
        fill.setColor(color);
        for (int i = 0; i < BINS; i++) {
            if (shares[i] > 0) {
                int left = plot.x((double) i / BINS), right = plot.x((double) (i + 1) / BINS);
                fill.fillRect(left, plot.y(shares[i]), right - left, plot.y(0) - plot.y(shares[i]));
            }
        }
        fill.dispose();
        g.setColor(color);
        g.setStroke(Plot.line(false));
        Path2D outline = new Path2D.Double();
        outline.moveTo(plot.x(0), plot.y(0));
        for (int i = 0; i < BINS; i++) {
            outline.lineTo(plot.x((double) i / BINS), plot.y(shares[i]));
            outline.lineTo(plot.x((double) (i + 1) / BINS), plot.y(shares[i]));
        }
        outline.lineTo(plot.x(1), plot.y(0));
        g.draw(outline);
    }

    private static void polyline(Plot plot, Graphics2D g, List<Point> points, Color color, boolean dashed) {
        if (points.isEmpty()) {
            return;
        }
        Path2D path = new Path2D.Double();
        path.moveTo(plot.x(points.get(0).x()), plot.y(points.get(0).y()));
        for (Point p : points.subList(1, points.size())) {
            path.lineTo(plot.x(p.x()), plot.y(p.y()));
        }
        g.setColor(color);
        g.setStroke(Plot.line(dashed));
        g.draw(path);
    }
}
