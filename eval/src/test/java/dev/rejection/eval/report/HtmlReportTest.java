package dev.rejection.eval.report;

import dev.rejection.eval.BadRow;
import dev.rejection.eval.EvalReport;
import dev.rejection.eval.Evaluation;
import dev.rejection.eval.Example;
import dev.rejection.eval.PairedComparison;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlReportTest {
    @TempDir
    Path dir;

    @Test
    void writesIndexAndReadablePngs() throws Exception {
        // 60 NORMAL and 40 REJECTION texts with overlapping scores: 50+ false positives and negatives each
        Random random = new Random(1);
        List<Example> examples = new ArrayList<>();
        double[] scores = new double[100];
        for (int i = 0; i < 100; i++) {
            int label = i < 40 ? 1 : 0;
            scores[i] = Math.min(0.98, Math.max(0.02, (label == 1 ? 0.6 : 0.4) + random.nextGaussian() * 0.25));
            examples.add(new Example(i + 1, "answer " + (i + 1), label, i % 2 == 0 ? "even" : "odd"));
        }
        examples.set(0, new Example(1, "<script>alert('x')</script> & \"quoted\"", 1, "even"));
        scores[0] = 0.01; // the worst false negative
        examples.set(99, new Example(100, "long ".repeat(300), 0, "odd"));
        scores[99] = 0.99; // the worst false positive
        EvalReport report = Evaluation.evaluate(examples, scores, 0.5, new Evaluation.Breakdown(0.012, "source"),
                List.of(new BadRow(101, "data.jsonl:101: field \"label\": missing label")), 1000.0);

        Path index = HtmlReport.write(dir, "stand-in on <test>", report, examples, scores);

        assertThat(index).isEqualTo(dir.resolve("index.html"));
        for (String png : List.of("roc.png", "pr.png", "scores.png", "calibration.png")) {
            BufferedImage image = ImageIO.read(dir.resolve(png).toFile());
            assertThat(image).as(png).isNotNull();
            assertThat(image.getWidth()).isEqualTo(Plot.WIDTH);
            assertThat(image.getHeight()).isEqualTo(Plot.HEIGHT);
        }
        String html = Files.readString(index);
        assertThat(html).contains("<img src=\"roc.png\"", "<img src=\"pr.png\"", "<img src=\"scores.png\"")
                .contains("stand-in on &lt;test&gt;")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;")
                .doesNotContain("<script>")
                .contains("full text 1500 characters")
                .contains("source: even", "source: odd", "best-F1")
                .contains("<img src=\"calibration.png\"", "Expected calibration error (ECE) "
                        + String.format(java.util.Locale.ROOT, "%.4f", report.calibration().ece()))
                .contains("false-alarm rate", "precision at 0.01200")
                .contains(rangeOf(report.overall().confusion().intervals().falseAlarmRate()),
                        rangeOf(report.overall().atPrevalence().precisionRange()))
                .contains("missing label");
        int fp = report.overall().confusion().fp(), fn = report.overall().confusion().fn();
        assertThat(fp).isGreaterThan(HtmlReport.WORST);
        assertThat(fn).isGreaterThan(HtmlReport.WORST);
        assertThat(html).contains(HtmlReport.WORST + " of " + fp + " shown", HtmlReport.WORST + " of " + fn + " shown");
        // worst first: the 0.99 false positive heads its table, the 0.01 false negative heads the other
        String falsePositives = html.substring(html.indexOf("Worst false positives"), html.indexOf("Worst false negatives"));
        assertThat(falsePositives.substring(falsePositives.indexOf("<tr><td>"))).startsWith("<tr><td>100</td>");
        String falseNegatives = html.substring(html.indexOf("Worst false negatives"));
        assertThat(falseNegatives.substring(falseNegatives.indexOf("<tr><td>"))).startsWith("<tr><td>1</td>");
        assertThat(rowsOf(falsePositives)).isEqualTo(HtmlReport.WORST);
    }

    @Test
    void oneClassGetsAHistogramAndSaysWhyThereAreNoCurves() throws Exception {
        List<Example> examples = List.of(new Example(1, "a", 0, null), new Example(2, "b", 0, null));
        double[] scores = {0.2, 0.7};
        EvalReport report = Evaluation.evaluate(examples, scores, 0.5, List.of(), null);
        HtmlReport.write(dir, "normals only", report, examples, scores);
        assertThat(dir.resolve("roc.png")).doesNotExist();
        assertThat(ImageIO.read(dir.resolve("scores.png").toFile())).isNotNull();
        assertThat(Files.readString(dir.resolve("index.html")))
                .contains("No ROC curve: the data holds only one class", "No precision–recall curve");
    }

    @Test
    void aPngThatCannotBeWrittenIsNamedWithItsReason() throws Exception {
        List<Example> examples = List.of(new Example(1, "a", 0, null), new Example(2, "b", 0, null));
        double[] scores = {0.2, 0.7};
        EvalReport report = Evaluation.evaluate(examples, scores, 0.5, List.of(), null);
        Files.createDirectories(dir.resolve("scores.png")); // a folder where the histogram goes
        java.io.PrintStream stderr = System.err;
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(printed, true));
        try {
            // ImageIO, given a File, printed a stack trace and threw "Can't create an ImageOutputStream!"
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> HtmlReport.write(dir, "t", report, examples,
                    scores)).isInstanceOf(java.nio.file.FileSystemException.class)
                    .hasMessageContaining("scores.png");
        } finally {
            System.setErr(stderr);
        }
        assertThat(printed.toString()).isEmpty();
    }

    @Test
    void aComparisonGetsItsTable() throws Exception {
        // refusals r1 r2, normals n1 n2; this flags r1 r2 n1, the other (named with markup) r2 n1 n2
        List<Example> examples = List.of(new Example(1, "r1", 1, null), new Example(2, "r2", 1, null),
                new Example(3, "n1", 0, null), new Example(4, "n2", 0, null));
        double[] mine = {0.9, 0.8, 0.7, 0.1};
        double[] theirs = {0.1, 0.8, 0.9, 0.9};
        EvalReport report = Evaluation.evaluate(examples, mine, 0.5, List.of(), null)
                .withComparison(PairedComparison.of("<b>other</b>", examples, mine, 0.5, theirs, 0.5));
        HtmlReport.write(dir, "compared", report, examples, mine);
        // refusals: both r2, this only r1, p = 2·1/2 = 1; normals: both n1, the other only n2, p = 1
        assertThat(Files.readString(dir.resolve("index.html")))
                .contains("<h2>Compared with &lt;b&gt;other&lt;/b&gt;</h2>", "it finds 1 of 2 refusals with 2 false "
                        + "alarms in 2 normal answers")
                .contains("<tr><td>refusals found</td><td>1</td><td>1</td><td>0</td><td>1.0000</td></tr>")
                .contains("<tr><td>normal answers flagged</td><td>1</td><td>0</td><td>1</td><td>1.0000</td></tr>");
    }

    @Test
    void histogramSharesPerClassSumToOne() {
        double[] shares = Charts.shares(new double[]{0.0, 0.04, 0.5, 1.0});
        assertThat(shares[0]).isEqualTo(0.5);            // 0.0 and 0.04 fall in [0, 0.05)
        assertThat(shares[10]).isEqualTo(0.25);          // 0.5 in [0.5, 0.55)
        assertThat(shares[Charts.BINS - 1]).isEqualTo(0.25); // 1.0 joins the last bin
    }

    @Test
    void aLoneSurrogateOrAControlCharacterInTheDataIsWrittenOutNotAFailure() throws Exception {
        List<Example> examples = List.of(new Example(1, "x\ud800y \u001b[31mred", 1, "src\u0007"),
                new Example(2, "Sorry, I can't.\nSecond line", 0, "src\u0007"));
        EvalReport report = Evaluation.evaluate(examples, new double[] {0.1, 0.9}, 0.5,
                new Evaluation.Breakdown(null, "source"), List.of(), null);

        Path index = HtmlReport.write(dir, "data\u001b.jsonl", report, examples, new double[] {0.1, 0.9});

        String html = Files.readString(index);
        assertThat(html).contains("x\\ud800y \\u001b[31mred", "src\\u0007", "data\\u001b.jsonl",
                "Sorry, I can&#39;t.\nSecond line").doesNotContain("\u001b", "\u0007");
    }

    @Test
    void shortTextsAreOnlyEscaped() {
        assertThat(HtmlReport.displayText("a<b")).isEqualTo("a&lt;b");
        String cut = HtmlReport.displayText("x".repeat(HtmlReport.MAX_TEXT_CHARS + 1));
        assertThat(cut).startsWith("x".repeat(HtmlReport.MAX_TEXT_CHARS) + "<span")
                .contains((HtmlReport.MAX_TEXT_CHARS + 1) + " characters");
    }

    private static int rowsOf(String table) {
        return table.split("<tr><td>", -1).length - 1;
    }

    /** A range as the report prints it beneath its figure. */
    private static String rangeOf(dev.rejection.eval.Proportion.Interval range) {
        return String.format(java.util.Locale.ROOT, "<span class=\"range\">%.4f–%.4f</span>", range.low(), range.high());
    }
}
