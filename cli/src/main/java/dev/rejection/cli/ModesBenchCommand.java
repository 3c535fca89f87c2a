package dev.rejection.cli;

import dev.rejection.detect.RejectionDetector;
import dev.rejection.detect.lexical.LexicalDetector;
import dev.rejection.detect.lexical.LexicalVerdict;
import dev.rejection.detect.mode.Cascade;
import dev.rejection.detect.mode.MatchMode;
import dev.rejection.detect.mode.ModeDetector;
import dev.rejection.detect.mode.SpanScorer;
import dev.rejection.detect.mode.SpanVerdict;
import dev.rejection.eval.EvalSet;
import dev.rejection.eval.Example;
import dev.rejection.io.TextRecord;
import dev.rejection.io.TextRecords;
import dev.rejection.tokenizer.Tokenizer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code rejection dev modes}: the table of match modes on labelled data (F1, recall on refusals deep in long
 * answers, texts/s) and the lexical cascade's measurement per mode: for each set of trusted decisive kinds, the
 * share of texts that skip the model and the F1 it costs, measured against this scorer and, as an upper bound for
 * any scorer, against one that is right on every skipped text; the largest set within {@value #MAX_F1_COST_POINTS}
 * points on both is named, and the shipped default ({@link Cascade#DEFAULT_TRUST}) is timed for the speed-up. The scorer is a model directory, or the lexical detector reading what a model of
 * {@code --max-length} tokens would (to measure modes without a trained model).
 */
@Command(name = "modes", description = "Measure the match modes and the lexical cascade on labelled data.")
final class ModesBenchCommand implements Callable<Integer> {
    static final double MAX_F1_COST_POINTS = 0.2;

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "FILE",
            description = "Labelled .jsonl, e.g. from 'rejection dev long-answers --with-dev'.")
    Path data;

    @ArgGroup(multiplicity = "1")
    Scorer scorer;

    static final class Scorer {
        @Option(names = "--model", paramLabel = "DIR", description = "Model directory to measure.")
        Path model;

        @Option(names = "--lexical", description = "The lexical detector as the span scorer.")
        boolean lexical;

        @Option(names = "--default", description = "The embedded default detector.")
        boolean embedded;
    }

    @Option(names = "--tokenizer", defaultValue = "../shared/data/roberta-base/tokenizer.json", paramLabel = "FILE",
            description = "Tokenizer for --lexical. Default: ${DEFAULT-VALUE}.")
    Path tokenizer;

    @Option(names = "--max-length", defaultValue = "512", paramLabel = "N",
            description = "Tokens the --lexical scorer reads per span. Default: ${DEFAULT-VALUE}.")
    int maxLength;

    @Option(names = "--modes", split = ",", defaultValue = "full,sentence,window", paramLabel = "M,M",
            converter = ReadingOptions.MatchModeConverter.class, description = "Modes to measure.")
    List<MatchMode> modes;

    @Option(names = "--limit", paramLabel = "N", description = "A random sample of N rows (seed 7) instead of all.")
    Integer limit;

    @Option(names = "--batch-size", defaultValue = "64", paramLabel = "N", description = "Texts per call.")
    int batchSize;

    private record Outcome(double f1, double deepRecall, double textsPerSecond) {
    }

    private void usage(String message) {
        throw new ParameterException(spec.commandLine(), message);
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (batchSize < 1) usage("--batch-size must be at least 1, got " + batchSize);
        if (limit != null && limit < 1) usage("--limit must be at least 1, got " + limit);
        if (maxLength < 2) usage("--max-length must be at least 2, got " + maxLength);
        InputOptions.requireReadable(spec.commandLine(), "--data", data, ".jsonl or .csv");
        EvalSet set;
        try (Stream<TextRecord> records = TextRecords.read(data, TextRecords.DEFAULT_TEXT_FIELD)) {
            set = EvalSet.from(records, data.toString(), "label");
        } catch (IllegalArgumentException e) { // a name that gives no format
            throw new ParameterException(spec.commandLine(), "--data " + e.getMessage(), e);
        }
        // every bad row named: measured without them, the table would not say so
        set.errors().forEach(row -> spec.commandLine().getErr().println("bad row, left out: " + row.message()));
        List<Example> examples = new ArrayList<>(set.examples());
        if (examples.isEmpty()) usage("--data " + data + " holds no row with a text and a label");
        if (limit != null && limit < examples.size()) {
            Collections.shuffle(examples, new Random(7));
            examples = examples.subList(0, limit);
        }
        List<String> texts = examples.stream().map(Example::text).toList();
        LexicalDetector lexical = LexicalDetector.defaults();
        List<LexicalVerdict> lexicalVerdicts = texts.stream().map(lexical::score).toList();

        RejectionDetector detector;
        try {
            detector = scorer.model != null ? RejectionDetector.load(scorer.model)
                    : scorer.embedded ? RejectionDetector.loadDefault() : null;
        } catch (dev.rejection.model.ModelException e) {
            throw new ParameterException(spec.commandLine(), "--model " + scorer.model + ": " + e.getMessage(), e);
        }
        try {
            SpanScorer spans = detector != null ? SpanScorer.of(detector)
                    : SpanScorer.lexical(lexical, Tokenizer.fromFile(tokenizer), maxLength);
            out.printf(Locale.ROOT, "data %s: %d texts (%d deep refusals); scorer: %s%n%n", data, texts.size(),
                    examples.stream().filter(e -> LongAnswersCommand.DEEP.equals(e.source())).count(),
                    detector == null ? "lexical detector reading " + maxLength + " tokens"
                            : (scorer.model != null ? scorer.model : "embedded default") + ", max length "
                            + detector.maxLength());
            out.println("| mode | F1 | recall, refusals after token 600 | texts/s | model tokens per text |");
            out.println("|---|---|---|---|---|");
            List<String> cascadeRows = new ArrayList<>();
            List<String> warmUp = texts.subList(0, Math.min(texts.size(), batchSize));
            for (MatchMode mode : modes) {
                ModeDetector modeDetector = ModeDetector.of(spans, mode);
                modeDetector.classify(warmUp); // the JIT compiles before the clock runs
                Cascade.of(lexical, modeDetector, EnumSet.allOf(Cascade.Decisive.class)).classify(warmUp);
                long start = System.nanoTime();
                List<SpanVerdict> verdicts = new ArrayList<>();
                for (int i = 0; i < texts.size(); i += batchSize) {
                    verdicts.addAll(modeDetector.classify(texts.subList(i, Math.min(texts.size(), i + batchSize))));
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                boolean[] predicted = new boolean[texts.size()];
                for (int i = 0; i < predicted.length; i++) {
                    predicted[i] = verdicts.get(i).rejection();
                }
                Outcome outcome = outcome(examples, predicted, texts.size() / seconds);
                double[] work = modelTokens(modeDetector, spans, texts);
                out.printf(Locale.ROOT, "| %s | %.4f | %.4f | %.1f | %.0f |%n", mode, outcome.f1(),
                        outcome.deepRecall(), outcome.textsPerSecond(), java.util.Arrays.stream(work).average()
                                .orElse(0));
                out.flush();
                cascadeRows.addAll(cascade(mode, modeDetector, examples, predicted, lexicalVerdicts, outcome,
                        seconds, work, lexical));
            }
            out.println();
            out.println("| mode | trusted decisive kinds | skip share | F1 | F1 cost (points) | worst-case cost "
                    + "(points) | lexical right on skipped | speed-up, model tokens | texts/s | speed-up, timed |");
            out.println("|---|---|---|---|---|---|---|---|---|---|");
            cascadeRows.forEach(out::println);
        } finally {
            if (detector != null) {
                detector.close();
            }
        }
        return ExitCodes.OK;
    }

    /** The cascade's rows for one mode: every trust set by substitution, the chosen one also timed. */
    private List<String> cascade(MatchMode mode, ModeDetector modeDetector, List<Example> examples,
                                 boolean[] modelPredicted, List<LexicalVerdict> lexicalVerdicts, Outcome model,
                                 double modelSeconds, double[] work, LexicalDetector lexical) {
        double allWork = java.util.Arrays.stream(work).sum();
        List<String> rows = new ArrayList<>();
        Set<Cascade.Decisive> chosen = Set.of();
        double chosenSkip = 0;
        for (Set<Cascade.Decisive> trust : List.of(EnumSet.of(Cascade.Decisive.REJECTION),
                EnumSet.of(Cascade.Decisive.NORMAL), EnumSet.allOf(Cascade.Decisive.class))) {
            boolean[] predicted = modelPredicted.clone();
            boolean[] oracle = modelPredicted.clone(); // a model right on every skipped text: the worst case
            int skipped = 0;
            int agree = 0;
            double skippedWork = 0;
            for (int i = 0; i < predicted.length; i++) {
                Optional<Cascade.Decisive> kind = Cascade.decisive(lexicalVerdicts.get(i));
                if (kind.isPresent() && trust.contains(kind.get())) {
                    predicted[i] = kind.get() == Cascade.Decisive.REJECTION;
                    oracle[i] = examples.get(i).label() == 1;
                    agree += predicted[i] == oracle[i] ? 1 : 0;
                    skipped++;
                    skippedWork += work[i];
                }
            }
            Outcome outcome = outcome(examples, predicted, Double.NaN);
            double skip = (double) skipped / predicted.length;
            double cost = 100 * (model.f1() - outcome.f1());
            double worst = 100 * (outcome(examples, oracle, Double.NaN).f1() - outcome.f1());
            rows.add(String.format(Locale.ROOT, "| %s | %s | %.3f | %.4f | %.2f | %.2f | %.4f | %.2fx | | |", mode,
                    trust, skip, outcome.f1(), cost, worst, skipped == 0 ? Double.NaN : (double) agree / skipped,
                    allWork / (allWork - skippedWork)));
            if (cost <= MAX_F1_COST_POINTS && worst <= MAX_F1_COST_POINTS && skip > chosenSkip) {
                chosen = trust;
                chosenSkip = skip;
            }
        }
        rows.add(String.format(Locale.ROOT, "| %s | measured choice: %s | | | | | | | | |", mode,
                chosen.isEmpty() ? "none within " + MAX_F1_COST_POINTS + " points" : chosen));
        // the speed-up of the shipped default, whatever this data would choose
        Cascade cascade = Cascade.of(lexical, modeDetector);
        int skipped = 0;
        List<String> texts = examples.stream().map(Example::text).toList();
        long start = System.nanoTime();
        for (int i = 0; i < texts.size(); i += batchSize) {
            for (Cascade.Result result : cascade.classify(texts.subList(i, Math.min(texts.size(), i + batchSize)))) {
                skipped += result.skipped() ? 1 : 0;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        rows.add(String.format(Locale.ROOT, "| %s | default %s (timed) | %.3f | | | | | | %.1f | %.2fx |", mode,
                cascade.trusted(), (double) skipped / texts.size(), texts.size() / seconds, modelSeconds / seconds));
        return rows;
    }

    /**
     * The model's work per text in a mode, in tokens read (each span's tokens with special tokens, at most the max
     * length): the speed-up of skipping texts, free of the machine's load, is total work over the work left.
     */
    private static double[] modelTokens(ModeDetector detector, SpanScorer spans, List<String> texts) {
        Tokenizer reading = spans.tokenizer().withoutTruncation().withoutPadding();
        int special = spans.tokenizer().numSpecialTokensToAdd();
        double[] work = new double[texts.size()];
        for (int i = 0; i < work.length; i++) {
            String text = texts.get(i);
            for (dev.rejection.detect.mode.Span span : detector.spans(text)) {
                work[i] += Math.min(reading.encode(span.of(text), false).length() + special, spans.maxLength());
            }
        }
        return work;
    }

    private static Outcome outcome(List<Example> examples, boolean[] predicted, double textsPerSecond) {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        int deep = 0;
        int deepFound = 0;
        for (int i = 0; i < predicted.length; i++) {
            boolean gold = examples.get(i).label() == 1;
            tp += gold && predicted[i] ? 1 : 0;
            fp += !gold && predicted[i] ? 1 : 0;
            fn += gold && !predicted[i] ? 1 : 0;
            if (LongAnswersCommand.DEEP.equals(examples.get(i).source())) {
                deep++;
                deepFound += predicted[i] ? 1 : 0;
            }
        }
        double f1 = tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
        return new Outcome(f1, deep == 0 ? Double.NaN : (double) deepFound / deep, textsPerSecond);
    }
}
