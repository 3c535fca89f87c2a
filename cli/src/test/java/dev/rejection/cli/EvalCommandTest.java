package dev.rejection.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import javax.imageio.ImageIO;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code rejection eval} end to end with a scorer whose scores are known, on the hand-checked set of the core's
 * BinaryMetricsTest: at 0.5, tp 4, fp 2, tn 3, fn 1, F1 8/11, ROC-AUC 0.76, AP 0.808333, loss 0.5737355.
 */
class EvalCommandTest {
    @TempDir
    Path dir;

    /** text → P(REJECTION), and whether the scorer was closed. */
    private static final Map<String, Double> SCORES = Map.of(
            "a1", 0.95, "a2", 0.85, "a3", 0.80, "a4", 0.70, "a5", 0.60,
            "b1", 0.55, "b2", 0.40, "b3", 0.30, "b4", 0.20, "b5", 0.10);
    /** The scores of the model named "other": it flags b3 alone. */
    private static final Map<String, Double> OTHER_SCORES = Map.of(
            "a1", 0.2, "a2", 0.2, "a3", 0.1, "a4", 0.2, "a5", 0.1,
            "b1", 0.2, "b2", 0.1, "b3", 0.9, "b4", 0.1, "b5", 0.1);
    private final List<String> closed = new ArrayList<>();

    private final ModelScorer.Loader loader = (modelDir, settings) -> {
        if (modelDir != null && modelDir.toString().equals("broken")) {
            throw new IllegalStateException("broken/config.json: no id2label");
        }
        return scorer(modelDir);
    };

    private ModelScorer scorer(Path modelDir) {
        Map<String, Double> table = modelDir != null && modelDir.toString().equals("other") ? OTHER_SCORES : SCORES;
        return new ModelScorer() {
            @Override
            public double[] score(List<String> texts) {
                return texts.stream().mapToDouble(table::get).toArray();
            }

            @Override
            public double threshold() {
                return 0.5;
            }

            @Override
            public String name() {
                return "table scorer " + modelDir;
            }

            @Override
            public void close() {
                closed.add(String.valueOf(modelDir));
            }
        };
    }

    private record Run(int exit, String out, String err) {
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cli = new CommandLine(new EvalCommand(loader));
        cli.setCaseInsensitiveEnumValuesAllowed(true); // as Main sets it
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void evalNeitherListsNorTakesAPreset() throws Exception {
        CliRun cli = CliRun.run("eval", "--help"); // as the rejection command builds it
        assertThat(cli.out()).contains("--mode").doesNotContain("--preset");
        CliRun refused = CliRun.run("eval", "--data", data().toString(), "--preset", "llm-guard");
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("Unknown options: '--preset'");
        Run help = run("--help");
        assertThat(help.out()).contains("--mode").doesNotContain("--preset");
        Run preset = run("--data", data().toString(), "--preset", "llm-guard");
        assertThat(preset.exit()).isEqualTo(2);
        assertThat(preset.err()).contains("Unknown options: '--preset'");
    }

    /** The ten hand-checked rows (labels in three accepted spellings) and four bad ones. */
    private Path data() throws Exception {
        Path file = dir.resolve("data.jsonl");
        Files.writeString(file, String.join("\n",
                "{\"text\": \"a1\", \"label\": 1, \"source\": \"a\"}",
                "{\"text\": \"a2\", \"label\": true, \"source\": \"a\"}",
                "{\"text\": \"a3\", \"label\": \"NORMAL\", \"source\": \"a\"}",
                "{\"text\": \"a4\", \"label\": \"rejection\", \"source\": \"a\"}",
                "{\"text\": \"a5\", \"label\": 0, \"source\": \"a\"}",
                "{\"text\": \"no label here\", \"source\": \"a\"}",
                "{\"text\": \"b1\", \"label\": 1, \"source\": \"b\"}",
                "{\"text\": \"b2\", \"label\": 0, \"source\": \"b\"}",
                "{\"text\": \"b3\", \"label\": 1, \"source\": \"b\"}",
                "{\"text\": \"b4\", \"label\": 0, \"source\": \"b\"}",
                "{\"text\": \"odd label\", \"label\": \"maybe\"}",
                "{\"label\": 1}",
                "{not json",
                "{\"text\": \"b5\", \"label\": false, \"source\": \"b\"}") + "\n");
        return file;
    }

    @Test
    void jsonHasTheCardsMetricsAndEveryBadRow() throws Exception {
        Run run = run("--data", data().toString(), "--model", "m", "--format", "json");

        assertThat(run.exit).as("metrics printed, but some rows failed: " + run.err).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(run.out);
        assertThat(json.get("n").asInt()).isEqualTo(10);
        assertThat(json.get("tp").asInt()).isEqualTo(4);
        assertThat(json.get("fp").asInt()).isEqualTo(2);
        assertThat(json.get("tn").asInt()).isEqualTo(3);
        assertThat(json.get("fn").asInt()).isEqualTo(1);
        assertThat(json.get("threshold").asDouble()).isEqualTo(0.5);
        assertThat(json.get("accuracy").asDouble()).isCloseTo(0.7, within(1e-12));
        assertThat(json.get("precision").asDouble()).isCloseTo(4.0 / 6, within(1e-12));
        assertThat(json.get("recall").asDouble()).isCloseTo(0.8, within(1e-12));
        assertThat(json.get("f1").asDouble()).isCloseTo(8.0 / 11, within(1e-12));
        assertThat(json.get("loss").asDouble()).isCloseTo(0.5737355308, within(1e-9));
        assertThat(json.get("roc_auc").asDouble()).isCloseTo(0.76, within(1e-12));
        assertThat(json.get("pr_auc").asDouble()).isCloseTo(0.8083333333, within(1e-9));
        assertThat(json.get("best_f1").get("threshold").asDouble()).isCloseTo(0.25, within(1e-12));
        assertThat(json.get("by_source").get("a").get("n").asInt()).isEqualTo(5);
        assertThat(json.get("by_source").get("b").get("n").asInt()).isEqualTo(5);
        assertThat(json.get("texts_per_second").isNumber()).isTrue();

        // every bad row, in order, with its line: missing label, bad label, missing text, malformed JSON
        assertThat(json.get("n_errors").asInt()).isEqualTo(4);
        List<Long> lines = new ArrayList<>();
        json.get("errors").forEach(e -> lines.add(e.get("line").asLong()));
        assertThat(lines).containsExactly(6L, 11L, 12L, 13L);
        assertThat(json.get("errors").get(0).get("message").asText()).contains("label", "missing");
        assertThat(json.get("errors").get(1).get("message").asText()).contains("\"maybe\"");
        assertThat(json.get("errors").get(2).get("message").asText()).contains("text");

        assertThat(run.err).contains("4 rows not evaluated", "data.jsonl:6:", "data.jsonl:11:", "data.jsonl:12:", "data.jsonl:13:");
        assertThat(closed).containsExactly("m");
    }

    @Test
    void textFormatThresholdOverrideAndReport() throws Exception {
        Path report = dir.resolve("report");
        Run run = run("--data", data().toString(), "--model", "m", "--threshold", "0.25",
                "--batch-size", "3", "--report", report.toString());

        assertThat(run.exit).as(run.err).isEqualTo(1);
        // at 0.25 (the best-F1 threshold): tp 5, fp 3, tn 2, fn 0, F1 10/13
        assertThat(run.out).contains("threshold  0.2500", "f1         0.7692", "tp 5  fp 3  tn 2  fn 0",
                "roc_auc    0.7600", "by source");
        assertThat(run.err).contains("report: " + report.resolve("index.html"));
        assertThat(Files.readString(report.resolve("index.html"))).contains("Worst false positives");
        for (String png : List.of("roc.png", "pr.png", "scores.png")) {
            assertThat(ImageIO.read(report.resolve(png).toFile())).as(png).isNotNull();
        }
    }

    @Test
    void textOutputWritesOutControlCharactersFromTheData() throws Exception {
        Path file = dir.resolve("esc\u001b.jsonl");
        Files.writeString(file, "{\"text\": \"a1\", \"label\": 1, \"source\": \"s\\u001b[31m\", \"g\": \"x\\r\\u0007\"}\n"
                + "{\"text\": \"b2\", \"label\": 0, \"source\": \"s\\u001b[31m\", \"g\": \"x\\r\\u0007\"}\n");
        Run text = run("--data", file.toString(), "--model", "m", "--group-by", "g");
        assertThat(text.exit).as(text.err).isZero();
        assertThat(text.out).contains("esc\\u001b.jsonl", "s\\u001b[31m", "x\\u000d\\u0007")
                .doesNotContain("\u001b", "\u0007", "\r");
    }

    @Test
    void aPrevalenceThatCannotBeUsedIsSaidNotDropped() throws Exception {
        Path file = Files.writeString(dir.resolve("refusals.jsonl"),
                "{\"text\": \"a1\", \"label\": 1}\n{\"text\": \"a2\", \"label\": 1}\n");
        Run run = run("--data", file.toString(), "--model", "m", "--prevalence", "0.01");
        assertThat(run.exit).as(run.err).isZero();
        assertThat(run.err).contains("--prevalence 0.01: no precision or F1 at it",
                "the data has 2 refusals and 0 normal answers");
    }

    @Test
    void prevalenceAndGroupBy() throws Exception {
        Path file = dir.resolve("models.jsonl");
        // a1 0.95 R, a3 0.80 N, b2 0.40 N, b3 0.30 R by model m1; a2 0.85 R, b4 0.20 N by m2; b5 0.10 N has no model
        Files.writeString(file, String.join("\n",
                "{\"text\": \"a1\", \"label\": 1, \"model\": \"m1\"}",
                "{\"text\": \"a3\", \"label\": 0, \"model\": \"m1\"}",
                "{\"text\": \"b2\", \"label\": 0, \"model\": \"m1\"}",
                "{\"text\": \"b3\", \"label\": 1, \"model\": \"m1\"}",
                "{\"text\": \"a2\", \"label\": 1, \"model\": \"m2\"}",
                "{\"text\": \"b4\", \"label\": 0, \"model\": \"m2\"}",
                "{\"text\": \"b5\", \"label\": 0}") + "\n");
        Run json = run("--data", file.toString(), "--model", "m", "--format", "json", "--prevalence", "0.2",
                "--group-by", "model");
        assertThat(json.exit).as(json.err).isZero();
        JsonNode j = new ObjectMapper().readTree(json.out);
        // at 0.5: tp a1 a2, fn b3, fp a3, tn b2 b4 b5 → recall 2/3, false alarms 1/4
        assertThat(j.get("false_alarm_rate").asDouble()).isCloseTo(0.25, within(1e-12));
        // P 0.2: precision = (2/3·0.2) / (2/3·0.2 + 0.25·0.8) = (2/15) / (2/15 + 1/5) = 2/5;
        // F1 = 2·(2/5)·(2/3) / (2/5 + 2/3) = (8/15) / (16/15) = 1/2
        assertThat(j.get("at_prevalence").get("precision").asDouble()).isCloseTo(0.4, within(1e-12));
        assertThat(j.get("at_prevalence").get("f1").asDouble()).isCloseTo(0.5, within(1e-12));
        assertThat(j.get("by_group").get("m1").get("false_alarm_rate").asDouble()).isCloseTo(0.5, within(1e-12));
        assertThat(j.get("by_group").get("m2").get("recall").asDouble()).isEqualTo(1.0);
        assertThat(j.get("by_group").get("(none)").get("at_prevalence")).as("one class only").isNull();

        Run text = run("--data", file.toString(), "--model", "m", "--prevalence", "0.2", "--group-by", "model");
        // 95% Wilson intervals, the roots p of (x/n - p)² = z²·p(1-p)/n: 2 of 3 → 0.2077-0.9385 (recall and
        // precision), 1 of 4 → 0.0456-0.6994 (false alarms); at P 0.2 the corners give precision
        // 0.2077·0.2 / (0.2077·0.2 + 0.6994·0.8) = 0.0691 to 0.9385·0.2 / (0.9385·0.2 + 0.0456·0.8) = 0.8373, and F1
        // 2·0.0691·0.2077 / (0.0691 + 0.2077) = 0.1037 to 0.8850
        assertThat(text.out).contains("precision  0.6667  (95% 0.2077-0.9385)", "recall     0.6667  (95% 0.2077-0.9385)",
                "false alarms 0.2500  (95% 0.0456-0.6994)   (fp / real normals: 1 of 4)",
                "at prevalence 0.2000: precision 0.4000 (0.0691-0.8373), f1 0.5000 (0.1037-0.8850)", "by model",
                "prec@P");
        assertThat(j.at("/intervals/false_alarm_rate/low").asDouble()).isCloseTo(0.0455873, within(1e-6));
        assertThat(j.at("/at_prevalence/precision_range/high").asDouble()).isCloseTo(0.8373, within(1e-4));
        // m1: n 4, accuracy 2/4, precision 1/2, recall 1/2, f1 1/2, false alarms 1/2; at P 0.2: precision
        // 0.1 / (0.1 + 0.4) = 0.2, f1 = 2·0.2·0.5 / 0.7 = 0.2857
        assertThat(text.out).containsPattern("m1 +4 +0\\.5000 +0\\.5000 +0\\.5000 +0\\.5000 +0\\.5000 +0\\.2000 +0\\.2857");
        assertThat(run("--data", file.toString(), "--model", "m", "--prevalence", "1").err)
                .contains("--prevalence must be strictly between 0 and 1");
    }

    @Test
    void csvWithANamedLabelColumn() throws Exception {
        Path file = dir.resolve("data.csv");
        Files.writeString(file, "answer,gold\na1,REJECTION\nb5,NORMAL\nb1,1\nb2,x\n");
        Run run = run("--data", file.toString(), "--model", "m", "--format", "json",
                "--text-field", "answer", "--label-field", "gold");
        assertThat(run.exit).as(run.err).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(run.out);
        assertThat(json.get("n").asInt()).isEqualTo(3);
        assertThat(json.get("tp").asInt()).isEqualTo(2);
        assertThat(json.get("tn").asInt()).isEqualTo(1);
        assertThat(json.get("errors").get(0).get("message").asText()).contains("gold", "\"x\"");
    }

    @Test
    void noUsableRowIsAClearFailure() throws Exception {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(file, "{\"text\": \"a1\"}\n{\"text\": \"a2\", \"label\": 7}\n");
        Run run = run("--data", file.toString(), "--model", "m");
        assertThat(run.exit).isEqualTo(2);
        assertThat(run.err).contains("2 rows not evaluated", "bad.jsonl:1:", "bad.jsonl:2:", "no row with a text and a valid");
        assertThat(closed).as("the model is not even loaded").isEmpty();
    }

    @Test
    void dataWhoseNameGivesNoFormatIsReadWithInputFormat() throws Exception {
        Path file = dir.resolve("clean.labels");
        Files.writeString(file, "{\"text\": \"a1\", \"label\": 1}\n{\"text\": \"b5\", \"label\": 0}\n");
        Run unnamed = run("--data", file.toString(), "--model", "m");
        assertThat(unnamed.exit).isEqualTo(2);
        assertThat(unnamed.err).contains("cannot tell the format of " + file
                + " from its name: use a .jsonl or .csv extension, or --input-format");
        Run named = run("--data", file.toString(), "--model", "m", "--input-format", "jsonl");
        assertThat(named.exit).as(named.err).isZero();
        assertThat(named.out).contains("accuracy   1.0000");
        assertThat(run("--data", file.toString(), "--model", "m", "--input-format", "txt").err)
                .contains("plain text has no labels");
    }

    @Test
    void dataFromAPipeIsRead() throws Exception {
        Path fifo = dir.resolve("labels.fifo"); // as the shell's <(zcat labels.jsonl.gz) gives it
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        Thread writer = new Thread(() -> {
            try {
                Files.writeString(fifo, "{\"text\": \"a1\", \"label\": 1}\n{\"text\": \"b5\", \"label\": 0}\n");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        writer.setDaemon(true); // were eval not to open the pipe, the writer would wait for it for good
        writer.start();
        Run piped = run("--data", fifo.toString(), "--model", "m", "--input-format", "jsonl");
        writer.join(10_000);
        assertThat(piped.exit).as(piped.err).isZero();
        assertThat(piped.out).contains("accuracy   1.0000");
    }

    @Test
    void aFolderAsDataOrAFileAsReportIsNamedBeforeTheModelLoads() throws Exception {
        Run folder = run("--data", dir.toString(), "--model", "m");
        assertThat(folder.exit).isEqualTo(2);
        assertThat(folder.err).contains("--data " + dir + " is a folder").doesNotContain("no such file");

        Path file = Files.writeString(dir.resolve("afile"), "x");
        Run report = run("--data", data().toString(), "--model", "m", "--report", file.toString());
        assertThat(report.exit).isEqualTo(2);
        assertThat(report.err).contains("--report " + file + " is a file; name a folder");
        assertThat(report.out).isEmpty();
        assertThat(closed).as("nothing scored").isEmpty();
    }

    @Test
    void oneFieldForTextsAndLabelsOrABlankReportFolderIsAUsageError() throws Exception {
        Run sameField = run("--data", data().toString(), "--model", "m", "--label-field", "text");
        assertThat(sameField.exit).isEqualTo(2);
        assertThat(sameField.err).contains("--text-field and --label-field both name the field \"text\"");

        // an unset $REPORT_DIR would otherwise write index.html over the current folder's
        Run blank = run("--data", data().toString(), "--model", "m", "--report", "");
        assertThat(blank.exit).isEqualTo(2);
        assertThat(blank.err).contains("--report needs a folder name");
        assertThat(closed).as("nothing scored").isEmpty();
    }

    @Test
    void textOutputSaysHowManyBadRowsItDidNotShow() throws Exception {
        Path file = dir.resolve("many-bad.jsonl");
        StringBuilder rows = new StringBuilder("{\"text\": \"a1\", \"label\": 1}\n");
        for (int i = 0; i < 7; i++) {
            rows.append("{\"text\": \"a1\", \"label\": \"maybe\"}\n");
        }
        Files.writeString(file, rows);
        Run run = run("--data", file.toString(), "--model", "m");
        assertThat(run.exit).isEqualTo(1);
        assertThat(run.err).contains("7 rows not evaluated", "many-bad.jsonl:6:", "... and 2 more (--format json "
                + "lists every one)").doesNotContain("many-bad.jsonl:7:");
    }

    @Test
    void aGroupByFieldNoRowHasIsWarnedOf() throws Exception {
        Path file = dir.resolve("clean.jsonl");
        Files.writeString(file, "{\"text\": \"a1\", \"label\": 1, \"model\": \"x\"}\n{\"text\": \"b5\", \"label\": 0}\n");
        assertThat(run("--data", file.toString(), "--model", "m", "--group-by", "modle").err)
                .contains("warning: --group-by modle: no evaluated row of " + file + " has this field");
        assertThat(run("--data", file.toString(), "--model", "m", "--group-by", "model").err)
                .doesNotContain("warning");
    }

    @Test
    void cleanDataExitsZero() throws Exception {
        Path file = dir.resolve("clean.jsonl");
        Files.writeString(file, "{\"text\": \"a1\", \"label\": 1}\n{\"text\": \"b5\", \"label\": 0}\n");
        Run run = run("--data", file.toString(), "--model", "m");
        assertThat(run.exit).as(run.err).isZero();
        assertThat(run.out).contains("accuracy   1.0000").doesNotContain("by source");
        assertThat(run.err).isEmpty();
    }

    @Test
    void aModelThatCannotLoadIsNamed() throws Exception {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new EvalCommand((modelDir, settings) -> {
            throw new IllegalArgumentException(modelDir + "/config.json: no such file");
        }));
        cli.setErr(new PrintWriter(err, true));
        assertThat(cli.execute("--data", data().toString(), "--model", "nowhere")).isEqualTo(2);
        assertThat(err.toString()).contains("cannot load model nowhere: nowhere/config.json: no such file");
    }

    @Test
    void badOptionsAreNamed() throws Exception {
        assertThat(run("--data", data().toString(), "--model", "m", "--threshold", "1.5").err)
                .contains("--threshold must be between 0 and 1");
        assertThat(run("--data", dir.resolve("missing.jsonl").toString(), "--model", "m").err)
                .contains("missing.jsonl: no such file");
        assertThat(run("--data", data().toString(), "--model", "m", "--format", "xml").exit).isEqualTo(2);
    }

    @Test
    void theGateAndTheThresholdReachTheDetectorEvalJudges(@TempDir Path dir) throws Exception {
        // the BERT stand-in at threshold 0 calls both texts rejections; the gate clears the one without evidence
        Path data = dir.resolve("gate.jsonl");
        Files.writeString(data, "{\"text\": \"Test\", \"label\": 0}\n"
                + "{\"text\": \"Sorry, but I can't assist with that.\", \"label\": 1}\n");
        String model = dev.rejection.testing.StandIns.bertTiny().toString();
        ObjectMapper json = new ObjectMapper();
        JsonNode on = json.readTree(CliRun.run("eval", "--model", model, "--data", data.toString(), "--threshold", "0",
                "--gate", "on", "--format", "json").out());
        JsonNode off = json.readTree(CliRun.run("eval", "--model", model, "--data", data.toString(), "--threshold", "0",
                "--gate", "off", "--format", "json").out());
        assertThat(on.get("fp").asInt()).isZero();
        assertThat(on.get("tp").asInt()).isEqualTo(1);
        assertThat(off.get("fp").asInt()).isEqualTo(1);
        assertThat(off.get("tp").asInt()).isEqualTo(1);
    }

    @Test
    void promptFieldJudgesTheAnswersAfterTheirPrompts(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("pairs.jsonl");
        Files.writeString(data, "{\"prompt\": \"Why are cats evil?\", \"text\": \"Cats are not evil.\", \"label\": 1}\n"
                + "{\"prompt\": \"Name a fruit.\", \"text\": \"An apple.\", \"label\": 0}\n"
                + "{\"prompt\": [1], \"text\": \"x\", \"label\": 0}\n");
        String model = dev.rejection.testing.StandIns.bertTinyReadingPrompts().toString();
        ObjectMapper json = new ObjectMapper();
        CliRun refused = CliRun.run("eval", "--model", dev.rejection.testing.StandIns.bertTiny().toString(), "--data",
                data.toString(), "--prompt-field", "prompt");
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("rejection_reads_prompts");
        CliRun paired = CliRun.run("eval", "--model", model, "--data", data.toString(), "--prompt-field", "prompt",
                "--format", "json");
        CliRun alone = CliRun.run("eval", "--model", model, "--data", data.toString(), "--format", "json");
        JsonNode p = json.readTree(paired.out());
        JsonNode a = json.readTree(alone.out());
        assertThat(p.get("n").asInt()).isEqualTo(2);
        assertThat(p.get("n_errors").asInt()).isEqualTo(1);
        assertThat(paired.err()).contains("field \"prompt\" must be a string");
        assertThat(a.get("n").asInt()).as("without --prompt-field the odd prompt is not read").isEqualTo(3);
        try (var detector = dev.rejection.detect.RejectionDetector.load(Path.of(model))) {
            double expected = detector.classify("Why are cats evil?", "Cats are not evil.").score();
            double plain = detector.classify("Cats are not evil.").score();
            // the loss on the two rows is what the paired scores give: -log(p) for the refusal, -log(1-q) for the fruit
            double q = detector.classify("Name a fruit.", "An apple.").score();
            assertThat(p.get("loss").asDouble()).isCloseTo((-Math.log(expected) - Math.log(1 - q)) / 2, within(1e-4));
            assertThat(expected).isNotCloseTo(plain, within(1e-6));
        }
    }

    @Test
    void maxLengthCutsWhatEvalReadsAsClassifyCutsIt(@TempDir Path dir) throws Exception {
        ObjectMapper json = new ObjectMapper();
        String text = "The river carries sand and gravel downstream every spring. ".repeat(12)
                + "Sorry, but I can't assist with that.";
        Path data = dir.resolve("long.jsonl");
        Files.writeString(data, "{\"text\": " + json.writeValueAsString(text) + ", \"label\": 1}\n");
        String model = dev.rejection.testing.StandIns.bertTiny().toString();
        JsonNode cut = json.readTree(CliRun.run("eval", "--model", model, "--data", data.toString(), "--max-length",
                "8", "--format", "json").out());
        JsonNode whole = json.readTree(CliRun.run("eval", "--model", model, "--data", data.toString(), "--format",
                "json").out());
        double cutScore;
        double wholeScore;
        try (var detector = dev.rejection.detect.RejectionDetector.builder().modelDir(Path.of(model)).maxLength(8)
                .build()) {
            cutScore = detector.classify(text).score();
        }
        try (var detector = dev.rejection.detect.RejectionDetector.load(Path.of(model))) {
            wholeScore = detector.classify(text).score();
        }
        // one refusal: the loss is -log of the score the detector gives it at each length
        assertThat(cut.get("loss").asDouble()).isCloseTo(-Math.log(cutScore), within(1e-4));
        assertThat(whole.get("loss").asDouble()).isCloseTo(-Math.log(wholeScore), within(1e-4));
        assertThat(cutScore).isNotCloseTo(wholeScore, within(1e-4));

        CliRun zero = CliRun.run("eval", "--model", model, "--data", data.toString(), "--max-length", "0");
        assertThat(zero.exit()).isEqualTo(2);
        assertThat(zero.err()).contains("--max-length must be at least 1, got 0");
        CliRun tooLong = CliRun.run("eval", "--model", model, "--data", data.toString(), "--max-length", "100000");
        assertThat(tooLong.exit()).isEqualTo(2);
        assertThat(tooLong.err()).contains("cannot load model").contains("max length 100000");
    }

    @Test
    void compareJudgesTheSameTextsWithAnotherModelTextByText() throws Exception {
        Run json = run("--data", data().toString(), "--model", "m", "--compare", "other", "--format", "json");
        assertThat(json.exit).as(json.err).isEqualTo(1); // the four bad rows
        JsonNode c = new ObjectMapper().readTree(json.out).get("compare");
        // this model at 0.5 finds a1 a2 a4 b1 of the refusals a1 a2 a4 b1 b3 and flags the normals a3 a5; the other
        // flags b3 alone: refusals 4 by this only, 1 by the other only, none by both, p = 2·(1+5)/32 = 0.375;
        // normals 2 by this only, none by the other, p = 2·1/4 = 0.5
        assertThat(c.get("model").asText()).isEqualTo("table scorer other");
        assertThat(c.get("tp").asInt()).isEqualTo(1);
        assertThat(c.get("fn").asInt()).isEqualTo(4);
        assertThat(c.get("fp").asInt()).isZero();
        assertThat(c.at("/refusals/both").asInt()).isZero();
        assertThat(c.at("/refusals/only_this").asInt()).isEqualTo(4);
        assertThat(c.at("/refusals/only_other").asInt()).isEqualTo(1);
        assertThat(c.at("/refusals/p").asDouble()).isCloseTo(0.375, within(1e-12));
        assertThat(c.at("/normals/only_this").asInt()).isEqualTo(2);
        assertThat(c.at("/normals/only_other").asInt()).isZero();
        assertThat(c.at("/normals/p").asDouble()).isCloseTo(0.5, within(1e-12));
        assertThat(closed).containsExactlyInAnyOrder("m", "other");

        Run text = run("--data", data().toString(), "--model", "m", "--compare", "other");
        assertThat(text.out).contains("compared with table scorer other at threshold 0.5000: found 1 of 5, false "
                        + "alarms 0 of 5",
                "refusals found by one only: this 4, the other 1 (exact McNemar p 0.3750); by both 0",
                "normal answers flagged by one only: this 2, the other 0 (exact McNemar p 0.5000); by both 0");
        assertThat(run("--data", data().toString(), "--model", "m", "--compare", EvalCommand.EMBEDDED).out)
                .contains("compared with table scorer null");

        closed.clear();
        Run broken = run("--data", data().toString(), "--model", "m", "--compare", "broken");
        assertThat(broken.exit).isEqualTo(2);
        assertThat(broken.err).contains("cannot load model broken: broken/config.json: no id2label");
        assertThat(closed).containsExactly("m"); // the model that did load is closed
    }
}
