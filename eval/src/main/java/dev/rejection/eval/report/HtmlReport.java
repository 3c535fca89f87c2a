package dev.rejection.eval.report;

import dev.rejection.eval.AtPrevalence;
import dev.rejection.eval.BinaryMetrics;
import dev.rejection.eval.Calibration;
import dev.rejection.eval.BadRow;
import dev.rejection.eval.Confusion;
import dev.rejection.eval.EvalReport;
import dev.rejection.eval.Example;
import dev.rejection.eval.Intervals;
import dev.rejection.eval.Metrics;
import dev.rejection.eval.OperatingPoint;
import dev.rejection.eval.PairedComparison;
import dev.rejection.eval.Proportion;
import dev.rejection.io.Printable;

import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Writes an evaluation as a static HTML page: {@code index.html} with the metrics table (per source and per group),
 * the ROC and PR curves, the per-class score histograms and the reliability diagram as PNG files beside it, the
 * calibration bins, and the worst errors of each kind.
 */
public final class HtmlReport {
    /** How many errors of each kind the page lists. */
    public static final int WORST = 20;
    /** Longer texts are cut for display; the page says how long the full text is. */
    public static final int MAX_TEXT_CHARS = 600;
    /** How many bad input rows the page lists. */
    private static final int BAD_ROWS_SHOWN = 50;

    private HtmlReport() {
    }

    /**
     * Writes the report into {@code dir} (created when missing; files of the same names are replaced).
     *
     * @param title    what was evaluated, e.g. "model X on data.jsonl"
     * @param report   the metrics, from {@link dev.rejection.eval.Evaluation#evaluate}
     * @param examples the examples the report was computed from, in the same order as {@code scores}
     * @return the path of {@code index.html}
     */
    public static Path write(Path dir, String title, EvalReport report, List<Example> examples, double[] scores)
            throws IOException {
        if (examples.size() != scores.length) {
            throw new IllegalArgumentException("got " + scores.length + " scores for " + examples.size() + " examples");
        }
        Files.createDirectories(dir);
        int[] labels = examples.stream().mapToInt(Example::label).toArray();
        double threshold = report.overall().at().threshold();

        StringBuilder html = new StringBuilder(64 * 1024);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(escape(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n")
                .append("<h1>").append(escape(title)).append("</h1>\n");
        html.append("<p>").append(examples.size()).append(" labelled texts");
        if (report.textsPerSecond() != null) {
            html.append(", scored at ").append(format("%.1f", report.textsPerSecond())).append(" texts/s");
        }
        html.append(". REJECTION is the positive class; a text is called a rejection when its score &gt; threshold.")
                .append("</p>\n");

        metricsTable(html, report);
        if (report.compare() != null) {
            comparisonTable(html, report.compare());
        }

        html.append("<h2>Curves</h2>\n<div class=\"charts\">\n");
        Double auc = report.overall().rocAuc(), ap = report.overall().prAuc();
        if (auc != null) {
            png(dir, "roc.png", Charts.roc(BinaryMetrics.rocCurve(scores, labels), auc));
            html.append("<img src=\"roc.png\" alt=\"ROC curve\" width=\"640\" height=\"480\">\n");
        } else {
            html.append("<p>No ROC curve: the data holds only one class.</p>\n");
        }
        if (ap != null) {
            double positiveRate = IntStream.of(labels).average().orElse(0);
            png(dir, "pr.png", Charts.pr(BinaryMetrics.prCurve(scores, labels), ap, positiveRate));
            html.append("<img src=\"pr.png\" alt=\"Precision-recall curve\" width=\"640\" height=\"480\">\n");
        } else {
            html.append("<p>No precision–recall curve: the data holds no REJECTION example.</p>\n");
        }
        png(dir, "scores.png", Charts.histogram(scoresOf(scores, labels, 0), scoresOf(scores, labels, 1), threshold));
        html.append("<img src=\"scores.png\" alt=\"Score histograms by gold label\" width=\"640\" height=\"480\">\n");
        png(dir, "calibration.png", Charts.reliability(report.calibration()));
        html.append("<img src=\"calibration.png\" alt=\"Reliability diagram\" width=\"640\" height=\"480\">\n")
                .append("</div>\n");
        calibrationTable(html, report.calibration());

        List<Integer> falsePositives = IntStream.range(0, scores.length)
                .filter(i -> labels[i] == 0 && scores[i] > threshold).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -scores[i])).limit(WORST).toList();
        List<Integer> falseNegatives = IntStream.range(0, scores.length)
                .filter(i -> labels[i] == 1 && !(scores[i] > threshold)).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> scores[i])).limit(WORST).toList();
        Confusion c = report.overall().confusion();
        errorTable(html, "Worst false positives", "NORMAL texts called rejections, highest score first",
                c.fp(), falsePositives, examples, scores);
        errorTable(html, "Worst false negatives", "REJECTION texts missed, lowest score first",
                c.fn(), falseNegatives, examples, scores);
        badRows(html, report.errors());

        html.append("</body>\n</html>\n");
        Path index = dir.resolve("index.html");
        Files.writeString(index, html, StandardCharsets.UTF_8);
        return index;
    }

    private static void metricsTable(StringBuilder html, EvalReport report) {
        AtPrevalence asked = report.overall().atPrevalence();
        Double prevalence = asked != null ? Double.valueOf(asked.prevalence()) : prevalenceOf(report);
        html.append("<h2>Metrics</h2>\n<table>\n<tr><th>set</th><th>threshold</th><th>n</th><th>loss</th>")
                .append("<th>accuracy</th><th>precision</th><th>recall</th><th>F1</th><th>false-alarm rate</th>");
        if (prevalence != null) {
            html.append("<th>precision at ").append(format("%.4g", prevalence)).append("</th><th>F1 at ")
                    .append(format("%.4g", prevalence)).append("</th>");
        }
        html.append("<th>ROC-AUC</th><th>PR-AUC (AP)</th><th>tp</th><th>fp</th><th>tn</th><th>fn</th></tr>\n");
        boolean withPrevalence = prevalence != null;
        metricsRow(html, "all", report.overall(), true, withPrevalence);
        OperatingPoint best = report.bestF1();
        metricsRow(html, "all, at the best-F1 threshold", new Metrics(report.overall().loss(), best, null, null,
                withPrevalence ? AtPrevalence.of(best.confusion(), prevalence) : null), false, withPrevalence);
        for (Map.Entry<String, Metrics> source : report.bySource().entrySet()) {
            metricsRow(html, "source: " + source.getKey(), source.getValue(), true, withPrevalence);
        }
        for (Map.Entry<String, Metrics> group : report.byGroup().entrySet()) {
            metricsRow(html, report.groupBy() + ": " + group.getKey(), group.getValue(), true, withPrevalence);
        }
        html.append("</table>\n<p class=\"note\">Loss: mean cross-entropy with the probability of the true class ")
                .append("clamped at 1e-12. PR-AUC: average precision, as scikit-learn's average_precision_score. ")
                .append("False-alarm rate: fp / (fp + tn), the share of the NORMAL texts called rejections. ")
                .append("0/0 precision, recall, F1 or false-alarm rate count as 0. Loss and the areas do not depend ")
                .append("on the threshold: a text the evidence gate clears, a rejection at no threshold, scores 0. ")
                .append("Beneath precision, recall and the false-alarm rate: their 95% Wilson ")
                .append("interval, where the true rate lies given how few texts measured it.");
        if (withPrevalence) {
            html.append(" Precision and F1 at a prevalence P: what this recall R and false-alarm rate FAR give where ")
                    .append("a share P of the answers are refusals, precision = R·P / (R·P + FAR·(1 − P)); empty ")
                    .append("for a set without both classes. Beneath them, the range the intervals of R and FAR ")
                    .append("allow (at least 90% sure, as both intervals hold together).");
        }
        html.append("</p>\n");
    }

    private static void comparisonTable(StringBuilder html, PairedComparison compare) {
        Confusion other = compare.other().confusion();
        html.append("<h2>Compared with ").append(escape(compare.model())).append("</h2>\n<p>At threshold ")
                .append(format("%.4f", compare.other().threshold())).append(" it finds ").append(other.tp())
                .append(" of ").append(other.tp() + other.fn()).append(" refusals with ").append(other.fp())
                .append(" false alarms in ").append(other.fp() + other.tn()).append(" normal answers. Text by ")
                .append("text:</p>\n<table>\n<tr><th>texts</th><th>both</th><th>this one only</th>")
                .append("<th>the other only</th><th>exact McNemar p</th></tr>\n");
        for (var row : List.of(Map.entry("refusals found", compare.refusals()),
                Map.entry("normal answers flagged", compare.normals()))) {
            PairedComparison.Discordance d = row.getValue();
            html.append("<tr><td>").append(row.getKey()).append("</td><td>").append(d.both()).append("</td><td>")
                    .append(d.onlyThis()).append("</td><td>").append(d.onlyOther()).append("</td><td>")
                    .append(format("%.4f", d.p())).append("</td></tr>\n");
        }
        html.append("</table>\n<p class=\"note\">Only the texts one calls a refusal and the other does not tell the ")
                .append("two apart; p is how likely a split at least that uneven is when neither is better.</p>\n");
    }

    /** The prevalence asked for, from the first group that has one (the whole set may lack a class). */
    private static Double prevalenceOf(EvalReport report) {
        return java.util.stream.Stream.concat(report.bySource().values().stream(), report.byGroup().values().stream())
                .map(Metrics::atPrevalence).filter(java.util.Objects::nonNull).map(AtPrevalence::prevalence)
                .findFirst().orElse(null);
    }

    private static void calibrationTable(StringBuilder html, Calibration calibration) {
        html.append("<h2>Calibration</h2>\n<p>Expected calibration error (ECE) ")
                .append(format("%.4f", calibration.ece()))
                .append(": the mean gap between the share of refusals and the mean score in ")
                .append(calibration.bins().size()).append(" equal-width score bins, weighted by the bins' sizes. ")
                .append("A calibrated detector's scores read as probabilities: of the texts scored near 0.8, about ")
                .append("80% are refusals.</p>\n<table>\n<tr><th>scores</th><th>n</th><th>mean score</th>")
                .append("<th>share of refusals</th></tr>\n");
        for (Calibration.Bin bin : calibration.bins()) {
            html.append("<tr><td>").append(format("%.1f", bin.low())).append("–").append(format("%.1f", bin.high()))
                    .append("</td><td>").append(bin.n()).append("</td><td>")
                    .append(bin.n() == 0 ? "" : format("%.4f", bin.meanScore())).append("</td><td>")
                    .append(bin.n() == 0 ? "" : format("%.4f", bin.refusalShare())).append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private static void metricsRow(StringBuilder html, String name, Metrics m, boolean withThresholdFree,
                                   boolean withPrevalence) {
        Confusion c = m.confusion();
        Intervals intervals = c.intervals();
        html.append("<tr><td>").append(escape(name)).append("</td><td>").append(format("%.4f", m.at().threshold()))
                .append("</td><td>").append(c.n()).append("</td><td>")
                .append(withThresholdFree ? format("%.4f", m.loss()) : "")
                .append("</td><td>").append(format("%.4f", c.accuracy()))
                .append("</td><td>").append(withRange(c.precision(), intervals.precision()))
                .append("</td><td>").append(withRange(c.recall(), intervals.recall()))
                .append("</td><td>").append(format("%.4f", c.f1()))
                .append("</td><td>").append(withRange(c.falseAlarmRate(), intervals.falseAlarmRate()));
        if (withPrevalence) {
            AtPrevalence at = m.atPrevalence();
            html.append("</td><td>").append(at == null ? "" : withRange(at.precision(), at.precisionRange()))
                    .append("</td><td>").append(at == null ? "" : withRange(at.f1(), at.f1Range()));
        }
        html.append("</td><td>").append(withThresholdFree ? orDash(m.rocAuc()) : "")
                .append("</td><td>").append(withThresholdFree ? orDash(m.prAuc()) : "")
                .append("</td><td>").append(c.tp()).append("</td><td>").append(c.fp())
                .append("</td><td>").append(c.tn()).append("</td><td>").append(c.fn()).append("</td></tr>\n");
    }

    /** A figure and, beneath it, its range (a 95% interval); the figure alone where there is none. */
    private static String withRange(double value, Proportion.Interval range) {
        return format("%.4f", value) + (range == null ? ""
                : "<br><span class=\"range\">" + format("%.4f", range.low()) + "–" + format("%.4f", range.high())
                + "</span>");
    }

    private static void errorTable(StringBuilder html, String heading, String what, int total, List<Integer> rows,
                                   List<Example> examples, double[] scores) {
        html.append("<h2>").append(heading).append("</h2>\n<p>").append(what).append("; ")
                .append(rows.size()).append(" of ").append(total).append(" shown.</p>\n");
        if (rows.isEmpty()) {
            return;
        }
        html.append("<table class=\"texts\">\n<tr><th>line</th><th>source</th><th>score</th><th>text</th></tr>\n");
        for (int i : rows) {
            Example e = examples.get(i);
            html.append("<tr><td>").append(e.line()).append("</td><td>")
                    .append(e.source() == null ? "" : escape(e.source())).append("</td><td>")
                    .append(format("%.4f", scores[i])).append("</td><td class=\"text\">")
                    .append(displayText(e.text())).append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private static void badRows(StringBuilder html, List<BadRow> errors) {
        html.append("<h2>Rows not evaluated</h2>\n<p>").append(errors.size())
                .append(errors.size() == 1 ? " row" : " rows").append(" with a bad or missing text or label")
                .append(errors.size() > BAD_ROWS_SHOWN ? "; the first " + BAD_ROWS_SHOWN + " shown" : "")
                .append(".</p>\n");
        if (errors.isEmpty()) {
            return;
        }
        html.append("<table>\n<tr><th>line</th><th>problem</th></tr>\n");
        for (BadRow row : errors.subList(0, Math.min(BAD_ROWS_SHOWN, errors.size()))) {
            html.append("<tr><td>").append(row.line()).append("</td><td>").append(escape(row.message()))
                    .append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    /** The text, HTML-escaped, cut at {@link #MAX_TEXT_CHARS} characters with its full length noted. */
    static String displayText(String text) {
        if (text.length() <= MAX_TEXT_CHARS) {
            return escape(text);
        }
        int end = MAX_TEXT_CHARS;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--; // never split a surrogate pair
        }
        return escape(text.substring(0, end)) + "<span class=\"cut\">… [cut; full text "
                + text.length() + " characters]</span>";
    }

    /** Escapes the five characters that are special in HTML text and attribute values. */
    static String escape(String raw) {
        // a lone surrogate cannot be written as UTF-8; control characters have no place in a page
        String s = Printable.keepingLines(raw);
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }

    private static double[] scoresOf(double[] scores, int[] labels, int label) {
        return IntStream.range(0, scores.length).filter(i -> labels[i] == label).mapToDouble(i -> scores[i]).toArray();
    }

    private static void png(Path dir, String name, BufferedImage image) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
        if (!writers.hasNext()) {
            throw new IOException("no PNG writer available for " + dir.resolve(name));
        }
        ImageWriter writer = writers.next();
        // onto a stream we open: given a File, ImageIO prints the stack trace of a file it cannot open itself and
        // throws "Can't create an ImageOutputStream!", naming neither; cached in memory, not in a temporary file
        try (OutputStream out = Files.newOutputStream(dir.resolve(name));
             ImageOutputStream png = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(png);
            writer.write(image);
        } finally {
            writer.dispose();
        }
    }

    private static String orDash(Double value) {
        return value == null ? "—" : format("%.4f", value);
    }

    private static String format(String pattern, double value) {
        return String.format(Locale.ROOT, pattern, value);
    }

    private static final String CSS = """
            body { font-family: system-ui, sans-serif; margin: 2em; color: #222; max-width: 1400px; }
            table { border-collapse: collapse; margin: 0.5em 0 1em; }
            th, td { border: 1px solid #ccc; padding: 4px 8px; text-align: right; vertical-align: top; }
            th { background: #f2f2f2; }
            td:first-child, th:first-child { text-align: left; }
            table.texts td.text { text-align: left; white-space: pre-wrap; max-width: 900px; }
            .charts img { margin: 0 1em 1em 0; border: 1px solid #ddd; }
            .note { color: #555; font-size: 0.9em; }
            .range { color: #666; font-size: 0.8em; }
            .cut { color: #888; font-style: italic; }
            """;
}
