package dev.rejection.cli;

import dev.rejection.detect.mode.ReadSpec;
import dev.rejection.eval.AtPrevalence;
import dev.rejection.eval.BadRow;
import dev.rejection.eval.Confusion;
import dev.rejection.eval.EvalReport;
import dev.rejection.eval.EvalSet;
import dev.rejection.eval.Evaluation;
import dev.rejection.eval.Intervals;
import dev.rejection.eval.Metrics;
import dev.rejection.eval.OperatingPoint;
import dev.rejection.eval.PairedComparison;
import dev.rejection.eval.Proportion;
import dev.rejection.eval.Scoring;
import dev.rejection.eval.report.HtmlReport;
import dev.rejection.io.InputFormat;
import dev.rejection.io.Printable;
import dev.rejection.io.TextRecord;
import dev.rejection.io.TextRecords;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code rejection eval}: the model card's metrics of a detector on a labelled file.
 *
 * <p>Three steps, kept apart so other detectors and modes can reuse the last two: score the texts
 * ({@link ModelScorer}, via {@link Scoring}), compute the metrics ({@link Evaluation}), present them (text or JSON
 * on stdout, optionally an HTML report). With {@code --compare}, a second detector scores the same texts and
 * {@link PairedComparison} sets the two side by side. Rows with a bad or missing text or label are counted and listed
 * (first few on stderr, all in the JSON {@code errors}); they never disappear silently.
 *
 * <p>Exit status, as for every {@code rejection} command: 0 every row was evaluated; 1 the metrics were printed
 * but some rows could not be evaluated; 2 nothing was evaluated (bad options, unreadable input, no usable row,
 * a model that cannot be loaded).
 */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        modelTransformer = EvalCommand.WithoutPreset.class,
        description = "Measure a detector on labelled data: loss, accuracy, precision, recall, F1 (REJECTION "
                + "positive), the false-alarm rate, 95%% intervals of the rates, confusion matrix, ROC-AUC, PR-AUC "
                + "(average precision), the best-F1 threshold, calibration (ECE), per-source (and --group-by) "
                + "metrics and texts/s; precision and F1 at a realistic share of refusals with --prevalence; "
                + "another model text by text with --compare.")
public final class EvalCommand implements Callable<Integer> {
    static final int OK = 0;
    static final int ROWS_FAILED = 1;
    static final int NOTHING_DONE = 2;
    /** Bad rows shown on stderr; the JSON lists all. */
    static final int BAD_ROWS_ON_STDERR = 5;

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "FILE",
            description = "Labelled texts: .jsonl (one JSON object per line) or .csv (header row).")
    Path data;

    @Option(names = "--input-format", paramLabel = "FORMAT",
            description = "Format of --data: jsonl or csv. Default: from the file's extension.")
    InputFormat inputFormat;

    @Option(names = "--model", paramLabel = "DIR",
            description = "Model directory (Hugging Face layout with an ONNX file, or a trained detector), or a Hub "
                    + "model id org/name[@revision]. Default: the embedded detector shipped in the jar.")
    Path model;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json",
            description = "Output on stdout: text (a table) or json (one JSON object). Default: ${DEFAULT-VALUE}.")
    Format format;

    @Option(names = "--report", paramLabel = "DIR",
            description = "Also write an HTML report (index.html, curves and histograms as PNG) into DIR.")
    Path report;

    @Option(names = "--text-field", defaultValue = TextRecords.DEFAULT_TEXT_FIELD, paramLabel = "NAME",
            description = "Field (JSON) or column (CSV) holding the text. Default: ${DEFAULT-VALUE}.")
    String textField;

    @Option(names = "--label-field", defaultValue = "label", paramLabel = "NAME",
            description = "Field holding the gold label: 0/1 (1.0/0.0 too), true/false or NORMAL/REJECTION. Default: "
                    + "${DEFAULT-VALUE}.")
    String labelField;

    @Option(names = "--prevalence", paramLabel = "P",
            description = "Also give precision and F1 where a share P of the answers are refusals (e.g. 0.012 for "
                    + "real traffic), from the measured recall and false-alarm rate: precision = R·P / (R·P + "
                    + "FAR·(1 − P)).")
    Double prevalence;

    @Option(names = "--group-by", paramLabel = "FIELD",
            description = "Also give the metrics per value of this field of the data, e.g. model, family, source.")
    String groupBy;

    @Option(names = "--prompt-field", paramLabel = "FIELD",
            description = "Read each answer after the prompt in this field of the data (e.g. prompt), as a text pair; "
                    + "rows without it are read alone. Default: answers read alone. Run with and without to compare.")
    String promptField;

    @Option(names = "--max-length", paramLabel = "N",
            description = "Cut texts to N tokens, special tokens included, as classify --max-length does (default: "
                    + "the model's maximum, 512 for RoBERTa).")
    Integer maxLength;

    @Option(names = "--compare", paramLabel = "MODEL",
            description = "Also judge the texts with another model (directory or Hub id; " + EMBEDDED + " for the "
                    + "embedded default) read the same way, and compare the two text by text: the refusals each "
                    + "found that the other missed, the normal answers each flagged that the other passed, and the "
                    + "exact McNemar p-value of each split.")
    Path compare;

    @Option(names = "--batch-size", defaultValue = "64", paramLabel = "N",
            description = "Texts handed to the detector per call (it batches inside as its model allows). "
                    + "Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Mixin
    ReadingOptions reading;

    enum Format { text, json }

    /** {@code --compare}'s name for the embedded default detector. */
    static final String EMBEDDED = "embedded";

    private final ModelScorer.Loader loader;

    /** The command judging the detectors {@code loader} loads (the ONNX detector, a stand-in, another kind). */
    public EvalCommand(ModelScorer.Loader loader) {
        this.loader = Objects.requireNonNull(loader, "loader");
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (batchSize < 1) {
            return fail(err, "--batch-size must be at least 1, got " + batchSize);
        }
        Double threshold;
        ReadSpec readSpec;
        try {
            threshold = reading.threshold();
            readSpec = reading.readSpec();
        } catch (ParameterException e) {
            return fail(err, e.getMessage());
        }
        if (maxLength != null && maxLength < 1) {
            return fail(err, "--max-length must be at least 1, got " + maxLength);
        }
        if (prevalence != null && !(prevalence > 0 && prevalence < 1)) {
            return fail(err, "--prevalence must be strictly between 0 and 1, got " + prevalence);
        }
        if (promptField != null && promptField.isBlank()) {
            return fail(err, "--prompt-field needs a field name");
        }
        if (groupBy != null && groupBy.isBlank()) {
            return fail(err, "--group-by needs a field name");
        }
        if (textField.equals(labelField)) { // else every row would be "missing label", though the field is there
            return fail(err, "--text-field and --label-field both name the field \"" + textField + "\"; the texts and "
                    + "their labels need a field each");
        }
        if (report != null && report.toString().isBlank()) { // an unset $REPORT_DIR: not the current folder
            return fail(err, "--report needs a folder name");
        }
        String unreadable = InputOptions.unreadable("--data", data, ".jsonl or .csv");
        if (unreadable != null) {
            return fail(err, unreadable);
        }
        InputFormat dataFormat = inputFormat != null ? inputFormat : InputFormat.ofFileName(data).orElse(null);
        if (dataFormat == null) {
            return fail(err, "cannot tell the format of " + data + " from its name: use a .jsonl or .csv extension, "
                    + "or --input-format");
        }
        if (dataFormat == InputFormat.TXT) {
            return fail(err, "--data " + data + ": plain text has no labels; eval reads .jsonl or .csv with a \""
                    + labelField + "\" field");
        }
        if (report != null) { // before the scoring, not after it
            if (Files.exists(report) && !Files.isDirectory(report)) {
                return fail(err, "--report " + report + " is a file; name a folder (created if missing)");
            }
            try {
                Files.createDirectories(report);
            } catch (IOException e) {
                return fail(err, "--report " + report + ": cannot create the folder: " + IoReason.of(e));
            }
            if (!Files.isWritable(report)) {
                return fail(err, "--report " + report + ": the folder is not writable");
            }
        }

        EvalSet set;
        try (Stream<TextRecord> records = TextRecords.read(data, dataFormat, textField)) {
            set = EvalSet.from(records, data.toString(), labelField, groupBy, promptField);
        } catch (IllegalArgumentException e) {
            return fail(err, e.getMessage());
        }
        reportBadRows(err, set.errors());
        if (set.examples().isEmpty()) {
            return fail(err, data + ": no row with a text and a valid \"" + labelField + "\" label to evaluate");
        }
        if (groupBy != null && set.examples().stream().allMatch(e -> e.group() == null)) {
            // a misspelt field would otherwise pass as one group
            err.println("rejection eval: warning: --group-by " + groupBy + ": no evaluated row of " + data
                    + " has this field, so every row is in the group (none)");
        }

        ModelScorer scorer = open(model, readSpec, err);
        if (scorer == null) {
            return NOTHING_DONE;
        }
        Path compared = compare == null || compare.toString().equals(EMBEDDED) && !Files.exists(compare) ? null
                : compare;
        ModelScorer otherScorer = null;
        if (compare != null && (otherScorer = open(compared, readSpec, err)) == null) {
            scorer.close();
            return NOTHING_DONE;
        }
        try (ModelScorer detector = scorer; ModelScorer other = otherScorer) {
            double judgedAt = judgedAt(threshold, detector);
            Scoring.Scored scored;
            Scoring.Scored otherScored = null;
            try {
                scored = Scoring.score(set.examples(), detector, batchSize,
                        done -> progress(err, done, set.examples().size()));
                if (other != null) {
                    otherScored = Scoring.score(set.examples(), other, batchSize,
                            done -> progress(err, done, set.examples().size()));
                }
            } catch (UnsupportedOperationException e) { // a model that reads answers alone, given prompts
                return fail(err, "--prompt-field " + promptField + ": " + e.getMessage());
            }
            EvalReport result = Evaluation.evaluate(set.examples(), scored.scores(), judgedAt,
                    new Evaluation.Breakdown(prevalence, groupBy), set.errors(), scored.textsPerSecond());
            if (other != null) {
                result = result.withComparison(PairedComparison.of(other.name(), set.examples(), scored.scores(),
                        judgedAt, otherScored.scores(), judgedAt(threshold, other)));
            }
            if (prevalence != null && result.overall().atPrevalence() == null) { // else left out without a word
                Confusion c = result.overall().confusion();
                err.printf("rejection eval: --prevalence %s: no precision or F1 at it, which need both refusals and "
                        + "normal answers; the data has %d refusals and %d normal answers%n", prevalence,
                        c.tp() + c.fn(), c.fp() + c.tn());
            }
            if (format == Format.json) {
                out.println(result.toJson());
            } else {
                printText(out, result, detector.name());
            }
            out.flush();
            if (report != null) {
                try {
                    Path index = HtmlReport.write(report, detector.name() + " on " + data.getFileName(), result,
                            set.examples(), scored.scores());
                    err.println("report: " + index);
                } catch (IOException e) {
                    err.println("rejection eval: cannot write the report into " + report + ": " + IoReason.of(e));
                    return ROWS_FAILED;
                }
            }
        }
        return set.errors().isEmpty() ? OK : ROWS_FAILED;
    }

    private static int fail(PrintWriter err, String message) {
        err.println("rejection eval: " + message);
        return NOTHING_DONE;
    }

    /** The threshold a detector is judged at: the one given, else its own. */
    private static double judgedAt(Double threshold, ModelScorer detector) {
        return threshold != null ? threshold : detector.threshold();
    }

    /**
     * The detector of {@code modelDir} (null: the embedded default) with the options' threshold, gate, length and
     * reading; null after saying on {@code err} why it cannot be had.
     */
    private ModelScorer open(Path modelDir, ReadSpec readSpec, PrintWriter err) {
        ModelScorer scorer;
        try {
            // the threshold too (the verdicts at it are classify's), and the length
            scorer = loader.load(modelDir, builder -> reading.configure(builder, readSpec, maxLength));
        } catch (RuntimeException e) {
            fail(err, "cannot load model " + (modelDir != null ? modelDir : "(embedded default)") + ": "
                    + e.getMessage());
            return null;
        }
        if (reading.given()) {
            try {
                scorer = scorer.reading(readSpec);
            } catch (RuntimeException e) { // a bad stride, a detector without modes
                scorer.close();
                fail(err, e.getMessage());
                return null;
            }
        }
        if (promptField != null && !scorer.readsPrompts()) {
            scorer.close();
            fail(err, ReadingOptions.promptsNotRead(scorer.name()));
            return null;
        }
        return scorer;
    }

    private void reportBadRows(PrintWriter err, List<BadRow> errors) {
        if (errors.isEmpty()) {
            return;
        }
        err.println("rejection eval: " + errors.size() + (errors.size() == 1 ? " row" : " rows")
                + " not evaluated (bad or missing text or label)"
                + (errors.size() > BAD_ROWS_ON_STDERR ? "; first " + BAD_ROWS_ON_STDERR + ":" : ":"));
        for (BadRow row : errors.subList(0, Math.min(BAD_ROWS_ON_STDERR, errors.size()))) {
            err.println("  " + row.message()); // messages name file, line and field
        }
        if (errors.size() > BAD_ROWS_ON_STDERR) {
            err.println("  ... and " + (errors.size() - BAD_ROWS_ON_STDERR) + " more (--format json lists every one)");
        }
    }

    /** A progress line on an interactive terminal only, so piped and captured output stays clean. */
    private static void progress(PrintWriter err, int done, int total) {
        if (System.console() != null) {
            err.print('\r'); // alone, as PrintableWriter lets a carriage return pass
            err.print("scored " + done + "/" + total + (done == total ? "\n" : ""));
            err.flush();
        }
    }

    private void printText(PrintWriter out, EvalReport r, String modelName) {
        Metrics m = r.overall();
        Confusion c = m.confusion();
        // names from the data (a path, sources, groups, a field) are written out where they could drive a terminal
        out.printf(Locale.ROOT, "data       %s: %d texts evaluated, %d rows not evaluated%n",
                Printable.of(data.toString()), c.n(), r.nErrors());
        out.printf(Locale.ROOT, "model      %s%n", Printable.of(modelName));
        out.printf(Locale.ROOT, "threshold  %.4f (a text is a rejection when P(REJECTION) > threshold)%n",
                m.at().threshold());
        out.printf(Locale.ROOT, "loss       %.4f%n", m.loss());
        out.printf(Locale.ROOT, "accuracy   %.4f%n", c.accuracy());
        Intervals ci = c.intervals();
        out.printf(Locale.ROOT, "precision  %.4f%s%n", c.precision(), within(ci.precision()));
        out.printf(Locale.ROOT, "recall     %.4f%s%n", c.recall(), within(ci.recall()));
        out.printf(Locale.ROOT, "f1         %.4f%n", c.f1());
        out.printf(Locale.ROOT, "roc_auc    %s%n", orUndefined(m.rocAuc()));
        out.printf(Locale.ROOT, "pr_auc     %s   (average precision)%n", orUndefined(m.prAuc()));
        out.printf(Locale.ROOT, "confusion  tp %d  fp %d  tn %d  fn %d%n", c.tp(), c.fp(), c.tn(), c.fn());
        out.printf(Locale.ROOT, "false alarms %.4f%s   (fp / real normals: %d of %d)%n", c.falseAlarmRate(),
                within(ci.falseAlarmRate()), c.fp(), c.fp() + c.tn());
        if (m.atPrevalence() != null) {
            AtPrevalence at = m.atPrevalence();
            out.printf(Locale.ROOT, "at prevalence %.4g: precision %.4f (%.4f-%.4f), f1 %.4f (%.4f-%.4f)   (ranges "
                    + "from the 95%% intervals of recall and false alarms)%n", at.prevalence(), at.precision(),
                    at.precisionRange().low(), at.precisionRange().high(), at.f1(), at.f1Range().low(),
                    at.f1Range().high());
        }
        out.printf(Locale.ROOT, "calibration ECE %.4f (%d bins)%n", r.calibration().ece(), r.calibration().bins().size());
        OperatingPoint best = r.bestF1();
        Confusion b = best.confusion();
        out.printf(Locale.ROOT, "best f1    %.4f at threshold %.6f (precision %.4f, recall %.4f, accuracy %.4f)%n",
                b.f1(), best.threshold(), b.precision(), b.recall(), b.accuracy());
        if (r.textsPerSecond() != null) {
            out.printf(Locale.ROOT, "texts/s    %.1f%n", r.textsPerSecond());
        }
        table(out, "source", r.bySource());
        if (groupBy != null) {
            table(out, groupBy, r.byGroup());
        }
        if (r.compare() != null) {
            PairedComparison pc = r.compare();
            Confusion o = pc.other().confusion();
            out.printf(Locale.ROOT, "%ncompared with %s at threshold %.4f: found %d of %d, false alarms %d of %d%n",
                    Printable.of(pc.model()), pc.other().threshold(), o.tp(), o.tp() + o.fn(), o.fp(),
                    o.fp() + o.tn());
            discordance(out, "refusals found", pc.refusals());
            discordance(out, "normal answers flagged", pc.normals());
        }
    }

    private static void discordance(PrintWriter out, String what, PairedComparison.Discordance d) {
        out.printf(Locale.ROOT, "  %s by one only: this %d, the other %d (exact McNemar p %.4f); by both %d%n", what,
                d.onlyThis(), d.onlyOther(), d.p(), d.both());
    }

    /** Metrics per value of a field, one row each; precision and F1 at the prevalence when one was given. */
    private void table(PrintWriter out, String rawField, Map<String, Metrics> groups) {
        if (groups.isEmpty()) {
            return;
        }
        String field = Printable.of(rawField);
        int width = Math.max(field.length(), groups.keySet().stream().mapToInt(k -> Printable.of(k).length()).max()
                .orElse(0));
        String atHeader = prevalence == null ? "" : String.format(Locale.ROOT, " %9s %7s", "prec@P", "f1@P");
        out.printf(Locale.ROOT, "%nby %s%n  %-" + width + "s %7s %8s %9s %7s %7s %8s%s %7s %7s%n", field, field, "n",
                "accuracy", "precision", "recall", "f1", "false_al", atHeader, "roc_auc", "loss");
        for (Map.Entry<String, Metrics> e : groups.entrySet()) {
            Metrics s = e.getValue();
            Confusion sc = s.confusion();
            AtPrevalence at = s.atPrevalence();
            String atCells = prevalence == null ? "" : at == null ? String.format(Locale.ROOT, " %9s %7s", "n/a", "n/a")
                    : String.format(Locale.ROOT, " %9.4f %7.4f", at.precision(), at.f1());
            out.printf(Locale.ROOT, "  %-" + width + "s %7d %8.4f %9.4f %7.4f %7.4f %8.4f%s %7s %7.4f%n",
                    Printable.of(e.getKey()),
                    sc.n(), sc.accuracy(), sc.precision(), sc.recall(), sc.f1(), sc.falseAlarmRate(), atCells,
                    orUndefined(s.rocAuc()), s.loss());
        }
    }

    /** "  (95% low-high)", or nothing when the rate was not measured. */
    private static String within(Proportion.Interval interval) {
        return interval == null ? ""
                : String.format(Locale.ROOT, "  (95%% %.4f-%.4f)", interval.low(), interval.high());
    }

    private static String orUndefined(Double value) {
        return value == null ? "n/a" : String.format(Locale.ROOT, "%.4f", value);
    }

    /**
     * The reading options without {@code --preset}: a preset sets how an integration reads its answers, and eval
     * measures the model with its own settings (picocli then names the option unknown, and help does not list it).
     */
    static final class WithoutPreset implements picocli.CommandLine.IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            spec.remove(spec.findOption("--preset"));
            return spec;
        }
    }
}
