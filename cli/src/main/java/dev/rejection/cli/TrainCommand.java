package dev.rejection.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.rejection.detect.head.HeadSpec;
import dev.rejection.detect.head.LinearHead;
import dev.rejection.detect.head.TextEncoder;
import dev.rejection.eval.Confusion;
import dev.rejection.eval.EvalReport;
import dev.rejection.eval.EvalSet;
import dev.rejection.eval.Evaluation;
import dev.rejection.eval.Example;
import dev.rejection.eval.Scoring;
import dev.rejection.finetune.train.FineTuneJob;
import dev.rejection.finetune.train.FineTuner;
import dev.rejection.finetune.train.LabeledText;
import dev.rejection.io.TextRecord;
import dev.rejection.io.TextRecords;
import dev.rejection.model.ModelConfig;
import dev.rejection.model.ModelException;
import dev.rejection.onnx.OnnxModel;
import dev.rejection.pipeline.TextClassificationPipeline;
import dev.rejection.tokenizer.Tokenizer;
import dev.rejection.tokenizer.TokenizerFormatException;
import dev.rejection.train.HeadTrainer;
import dev.rejection.train.ModelCard;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code rejection train}: trains a detector — a logistic-regression head on a frozen sentence encoder's pooled
 * states and the lexical detector's evidence — and writes a folder that {@code --model DIR} loads, with a model card.
 * With {@code --full}, fine-tunes a whole BERT/RoBERTa encoder instead (the {@code finetune} module) and writes a
 * Hugging Face model directory (config.json, tokenizer, model.safetensors, onnx/model.onnx).
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train a rejection detector on labelled JSONL/CSV (text, label) and write it to a folder "
                + "that --model loads: detector.json and a model card (README.md).")
public final class TrainCommand implements Callable<Integer> {
    /** The built-in encoder: the quantized all-MiniLM-L6-v2 shipped inside the jar. */
    static final String BUILTIN_ENCODER = "minilm-q";
    static final String BUILTIN_ONNX = "classpath:/all-minilm-l6-v2-q.onnx";
    static final String BUILTIN_TOKENIZER = "classpath:/all-minilm-l6-v2-q-tokenizer.json";

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "FILE",
            description = "Training data (.jsonl or .csv); repeat for several files.")
    List<Path> data;

    @Option(names = "--dev", paramLabel = "FILE",
            description = "Development data for the metrics in the model card; repeat for several files. "
                    + "Default: a seeded 10%% of the training rows.")
    List<Path> dev;

    @Option(names = "--dev-where", paramLabel = "FIELD=VALUE",
            description = "Rows of the --data files whose FIELD equals VALUE go to the dev set instead of training, "
                    + "e.g. split=dev.")
    String devWhere;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write the detector to "
            + "(new or empty, unless --replace).")
    Path out;

    @Option(names = "--replace", description = "Replace a model already in --out (never the --base model's own files).")
    boolean replace;

    @Option(names = "--base", defaultValue = BUILTIN_ENCODER, paramLabel = "ENCODER",
            description = "Frozen encoder: '" + BUILTIN_ENCODER + "' (built in), 'none' (lexical features only), "
                    + "or a folder with tokenizer.json and model.onnx / onnx/model.onnx whose first output is the "
                    + "last hidden states. Default: ${DEFAULT-VALUE}.")
    String base;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the dev split. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--l2", defaultValue = "0.01", description = "L2 penalty of the head. Default: ${DEFAULT-VALUE}.")
    double l2;

    @Option(names = "--lexical", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Use the lexical detector's evidence as features; --no-lexical leaves it out "
                    + "(default: use it).")
    boolean lexical;

    @Option(names = "--max-length", defaultValue = "256", paramLabel = "N",
            description = "Tokens the encoder reads per text. Default: ${DEFAULT-VALUE}.")
    int maxLength;

    @Option(names = "--opening-tokens", defaultValue = "24", paramLabel = "N",
            description = "Leading tokens pooled on their own (how the answer opens). Default: ${DEFAULT-VALUE}.")
    int openingTokens;

    @Option(names = "--skip-if", paramLabel = "FIELD",
            description = "Leave out rows whose boolean FIELD is true (counted and reported), e.g. 'ambiguous'.")
    List<String> skipIf = new ArrayList<>();

    @Option(names = "--text-field", defaultValue = TextRecords.DEFAULT_TEXT_FIELD, paramLabel = "NAME",
            description = "Field holding the text. Default: ${DEFAULT-VALUE}.")
    String textField;

    @Option(names = "--label-field", defaultValue = "label", paramLabel = "NAME",
            description = "Field holding the label (0/1, true/false, NORMAL/REJECTION). Default: ${DEFAULT-VALUE}.")
    String labelField;

    @Option(names = "--prompt-field", paramLabel = "NAME",
            description = "With --full: field holding the prompt each answer replied to; the model learns from the "
                    + "pair (rows without a prompt are read alone, so that answers alone keep working). Default: "
                    + "answers only.")
    String promptField;

    @Option(names = "--power-watts", defaultValue = "65", paramLabel = "W",
            description = "Power drawn by the CPU while training, for the CO2 estimate. Default: ${DEFAULT-VALUE}.")
    double powerWatts;

    @Option(names = "--carbon-intensity", defaultValue = "475", paramLabel = "G_PER_KWH",
            description = "Grid carbon intensity in gCO2eq/kWh, for the CO2 estimate (default: the world average "
                    + "of ${DEFAULT-VALUE}).")
    double carbonIntensity;

    @Option(names = "--full", description = "Fine-tune the whole encoder (--base: a Hugging Face BERT/RoBERTa folder "
            + "with config.json and model.safetensors, or an fp32 .onnx encoder) instead of training a head.")
    boolean full;

    @Option(names = "--epochs", defaultValue = "3", description = "--full: epochs. Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "16", description = "--full: batch size. Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = "--lr", defaultValue = "2e-5", description = "--full: AdamW learning rate. Default: ${DEFAULT-VALUE}.")
    double learningRate;

    @Option(names = "--patience", defaultValue = "0",
            description = "--full: stop after N epochs without a better dev F1 (0: never). Default: ${DEFAULT-VALUE}.")
    int patience;

    @Option(names = "--class-weights", description = "--full: weight the classes inversely to their frequency.")
    boolean classWeights;

    @Option(names = "--checkpoints", paramLabel = "DIR", description = "--full: write a checkpoint after every epoch.")
    Path checkpoints;

    @Option(names = "--resume", description = "--full: continue from the last checkpoint in --checkpoints (same data and "
            + "settings; refused when there is none).")
    boolean resume;

    /** Rows of --data and --dev that could not be read, each named on stderr: they end the run with status 1. */
    private int badRows;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        // checked before any data is read: a fine-tuning run started without it would fail at its first kernel
        if (full && ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--full needs the JVM flag --add-modules "
                    + "jdk.incubator.vector (the ./rejection launcher adds it; with java -jar, put it before -jar)");
        }
        if (maxLength < 8) throw new ParameterException(spec.commandLine(), "--max-length must be at least 8");
        checkNumbers();
        ModelOutput.refuseOccupied(spec, "--out", out, replace, "--replace");
        if (!base.equals(BUILTIN_ENCODER) && !base.equals("none") && ModelOutput.inside(Path.of(base), out)) {
            throw new ParameterException(spec.commandLine(), "--out " + out + " holds the --base model " + base
                    + ": writing there would destroy it; name another folder");
        }
        if (openingTokens < 1) throw new ParameterException(spec.commandLine(), "--opening-tokens must be >= 1");
        int positions = basePositions();
        if (maxLength > positions) {
            usage("--max-length " + maxLength + " exceeds the " + positions + " tokens the base model reads");
        }
        long cpuStart = processCpuNanos();

        if (dev != null && dev.stream().anyMatch(d -> data.stream().anyMatch(t -> OutputOptions.sameFile(d, t)))) {
            err.println("warning: a --dev file is also --data: the dev figures are measured on training rows");
        }
        List<Example> devSet = new ArrayList<>();
        List<Example> train = read(data, err, devSet);
        if (dev != null && !dev.isEmpty()) {
            devSet.addAll(read(dev, err, null));
        }
        if (devSet.isEmpty()) {
            List<Example> kept = new ArrayList<>();
            devSet = new ArrayList<>();
            SplittableRandom random = new SplittableRandom(seed);
            for (Example e : train) (random.nextDouble() < 0.1 ? devSet : kept).add(e);
            train = kept;
            err.printf("dev: a seeded (%d) 10%% of the training rows: %,d rows%n", seed, devSet.size());
        }
        if (train.isEmpty() || devSet.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "no usable training or dev rows");
        }
        if (train.stream().map(Example::label).distinct().count() < 2) {
            throw new ParameterException(spec.commandLine(), "both classes are needed to train: every training row "
                    + "has label " + train.get(0).label());
        }

        if (full) {
            return fineTune(train, devSet, err, cpuStart);
        }
        if (promptField != null) {
            throw new ParameterException(spec.commandLine(), "--prompt-field needs --full: the head on frozen "
                    + "features reads answers alone");
        }
        HeadSpec.Encoder encoderSpec = encoderSpec();
        TextEncoder encoder;
        try {
            encoder = encoderSpec == null ? null : openEncoder(encoderSpec);
        } catch (RuntimeException e) { // not an encoder: a classifier, a file that is not ONNX, a broken tokenizer
            throw new ParameterException(spec.commandLine(), "cannot use --base " + base + " as an encoder: "
                    + e.getMessage(), e);
        }
        HeadTrainer trainer = new HeadTrainer(encoder, new HeadTrainer.Options(l2, lexical, 500), err::println);
        try {
            double[][] x;
            try {
                x = trainer.features(train, "train");
            } catch (ModelException e) { // the graph runs, but is not an encoder (a classifier)
                throw new ParameterException(spec.commandLine(), "cannot use --base " + base + " as an encoder: "
                        + e.getMessage(), e);
            }
            LinearHead head;
            try {
                head = trainer.fit(x, train);
            } catch (IllegalArgumentException e) { // one class only
                throw new ParameterException(spec.commandLine(), e.getMessage(), e);
            }
            long devStart = System.nanoTime();
            double[] devScores = HeadTrainer.scores(head, trainer.features(devSet, "dev"));
            double devSeconds = (System.nanoTime() - devStart) / 1e9;
            EvalReport report = Evaluation.evaluate(devSet, devScores, 0.5, List.of(), devSet.size() / devSeconds);
            Confusion c = report.overall().confusion();
            err.printf("dev: F1 %.4f, precision %.4f, recall %.4f, accuracy %.4f, loss %.4f (n=%,d)%n",
                    c.f1(), c.precision(), c.recall(), c.accuracy(), report.overall().loss(), devSet.size());

            double cpuHours = (processCpuNanos() - cpuStart) / 3.6e12;
            Map<String, Object> training = new LinkedHashMap<>();
            training.put("data", data.stream().map(Path::toString).toList());
            training.put("dev", dev != null ? dev.stream().map(Path::toString).toList() : "10% of data, seed " + seed);
            training.put("train_rows", train.size());
            training.put("dev_rows", devSet.size());
            training.put("skipped_if", skipIf);
            training.put("l2", l2);
            training.put("seed", seed);
            training.put("dev_metrics", new ObjectMapper().readValue(report.toJson(), Map.class));
            training.put("cpu_hours", cpuHours);

            Files.createDirectories(out);
            HeadSpec headSpec = HeadTrainer.spec(encoderSpec, lexical, head, training);
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            json.writeValue(out.resolve(HeadSpec.FILE_NAME).toFile(), headSpec);
            copyEncoderFiles(encoderSpec);
            writeCard(false, report, cpuHours);
            err.printf("wrote %s (detector.json, README.md); classify with: rejection classify --model %s TEXT%n",
                    out, out);
            return status();
        } finally {
            if (encoder != null) encoder.close();
        }
    }

    /** The numeric options, before any data is read: out of range, each is named with its value. */
    private void checkNumbers() {
        if (!full) { // taken silently, they would be ignored: the head on frozen features has no epochs
            for (String option : List.of("--epochs", "--batch-size", "--lr", "--patience", "--class-weights",
                    "--checkpoints", "--resume")) {
                if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                    usage(option + " applies to --full only (fine-tuning the whole encoder)");
                }
            }
        }
        if (!(l2 >= 0 && Double.isFinite(l2))) usage("--l2 must be a number at least 0, got " + l2);
        if (!(powerWatts >= 0 && Double.isFinite(powerWatts))) {
            usage("--power-watts must be a number at least 0, got " + powerWatts);
        }
        if (!(carbonIntensity >= 0 && Double.isFinite(carbonIntensity))) {
            usage("--carbon-intensity must be a number at least 0, got " + carbonIntensity);
        }
        if (full) {
            if (epochs < 1) usage("--epochs must be at least 1, got " + epochs);
            if (batchSize < 1) usage("--batch-size must be at least 1, got " + batchSize);
            if (!(learningRate > 0 && Double.isFinite(learningRate))) {
                usage("--lr must be a number above 0, got " + learningRate);
            }
            if (patience < 0) usage("--patience must be at least 0, got " + patience);
        }
    }

    /**
     * How many tokens the base reads: 512 for the built-in MiniLM, else what its config.json allows (beside the
     * folder or graph given, or in the folder above {@code onnx/}); no limit when nothing says.
     */
    private int basePositions() {
        if (base.equals("none")) {
            return Integer.MAX_VALUE;
        }
        if (base.equals(BUILTIN_ENCODER)) {
            return 512;
        }
        Path given = Path.of(base).toAbsolutePath();
        Path dir = Files.isDirectory(given) ? given : given.getParent();
        for (Path folder : dir.getParent() == null ? List.of(dir) : List.of(dir, dir.getParent())) {
            Path config = folder.resolve("config.json");
            if (Files.isRegularFile(config)) {
                try {
                    return TextClassificationPipeline.defaultMaxLength(ModelConfig.read(config),
                            java.util.OptionalInt.empty());
                } catch (ModelException e) {
                    return Integer.MAX_VALUE; // the load says what is wrong with it
                }
            }
        }
        return Integer.MAX_VALUE;
    }

    private void usage(String message) {
        throw new ParameterException(spec.commandLine(), message);
    }

    /** OK, or RECORDS_FAILED when bad rows were left out: the model is written either way. */
    private int status() {
        return badRows > 0 ? ExitCodes.RECORDS_FAILED : ExitCodes.OK;
    }

    /**
     * Reads labelled rows, counting the bad ones in {@link #badRows}; with {@code devRows} given, rows matching
     * --dev-where go there instead.
     */
    private List<Example> read(List<Path> files, PrintWriter err, List<Example> devRows) throws IOException {
        String[] where = devWhere == null ? null : devWhere.split("=", 2);
        if (where != null && where.length != 2) {
            throw new ParameterException(spec.commandLine(), "--dev-where must be FIELD=VALUE, got " + devWhere);
        }
        List<Example> all = new ArrayList<>();
        int bad = 0;
        for (Path file : files) {
            int[] skipped = {0};
            List<TextRecord> toDev = new ArrayList<>();
            EvalSet set;
            InputOptions.requireReadable(spec.commandLine(), devRows != null ? "--data" : "--dev", file,
                    ".jsonl or .csv");
            Stream<TextRecord> opened;
            try {
                opened = TextRecords.read(file, textField);
            } catch (IllegalArgumentException e) { // a name that gives no format
                throw new ParameterException(spec.commandLine(), e.getMessage(), e);
            }
            try (Stream<TextRecord> records = opened) {
                set = EvalSet.from(records.filter(r -> {
                    if (r.failed()) return true;
                    if (skipIf.stream().anyMatch(f -> isTrue(r.fields().get(f)))) {
                        skipped[0]++;
                        return false;
                    }
                    if (devRows != null && where != null && where[1].equals(String.valueOf(r.fields().get(where[0])))) {
                        toDev.add(r);
                        return false;
                    }
                    return true;
                }), file.toString(), labelField, null, promptField);
            }
            EvalSet devSet = EvalSet.from(toDev.stream(), file.toString(), labelField, null, promptField);
            // every one: a row left out of training unnamed would be lost without a trace
            set.errors().forEach(row -> err.println("bad row: " + row.message()));
            devSet.errors().forEach(row -> err.println("bad row: " + row.message()));
            bad += set.errors().size() + devSet.errors().size();
            if (devRows != null) {
                err.printf("%s: %,d rows for training, %,d for dev, %,d skipped by --skip-if, %,d bad%n", file,
                        set.examples().size(), devSet.examples().size(), skipped[0],
                        set.errors().size() + devSet.errors().size());
            } else {
                err.printf("%s: %,d rows for dev, %,d skipped by --skip-if, %,d bad%n", file, set.examples().size(),
                        skipped[0], set.errors().size() + devSet.errors().size());
            }
            all.addAll(set.examples());
            if (devRows != null) devRows.addAll(devSet.examples());
        }
        if (bad > 0) err.printf("%,d bad rows were left out (listed above); the run ends with status %d%n", bad,
                ExitCodes.RECORDS_FAILED);
        badRows += bad;
        return all;
    }

    /** A --skip-if field's value that skips its row: JSON's true, or CSV's text true (any case) or 1. */
    private static boolean isTrue(Object value) {
        return Boolean.TRUE.equals(value)
                || value instanceof String text && (text.strip().equalsIgnoreCase("true") || text.strip().equals("1"));
    }

    private HeadSpec.Encoder encoderSpec() {
        if (base.equals("none")) {
            if (!lexical) throw new ParameterException(spec.commandLine(), "--base none needs lexical features");
            return null;
        }
        if (base.equals(BUILTIN_ENCODER)) {
            return new HeadSpec.Encoder(BUILTIN_ONNX, BUILTIN_TOKENIZER, maxLength, openingTokens);
        }
        Path dir = Path.of(base);
        if (!Files.isRegularFile(dir.resolve("tokenizer.json"))) {
            throw new ParameterException(spec.commandLine(), "--base " + base + ": no tokenizer.json there (give "
                    + BUILTIN_ENCODER + ", none, or an encoder folder)");
        }
        if (!Files.isRegularFile(baseOnnx(dir))) {
            throw new ParameterException(spec.commandLine(), "--base " + base + ": no model.onnx or onnx/model.onnx");
        }
        // copied into the detector's folder, so that it is self-contained
        return new HeadSpec.Encoder("encoder/model.onnx", "encoder/tokenizer.json", maxLength, openingTokens);
    }

    private TextEncoder openEncoder(HeadSpec.Encoder e) throws IOException {
        byte[] onnx;
        String tokenizerJson;
        if (base.equals(BUILTIN_ENCODER)) {
            onnx = classpath(e.onnx());
            tokenizerJson = new String(classpath(e.tokenizer()), StandardCharsets.UTF_8);
        } else {
            Path dir = Path.of(base);
            onnx = Files.readAllBytes(baseOnnx(dir));
            tokenizerJson = Files.readString(dir.resolve("tokenizer.json"));
        }
        int cores = Runtime.getRuntime().availableProcessors();
        return new TextEncoder(Tokenizer.fromJson(tokenizerJson, base), OnnxModel.load(onnx, base, 1), e.maxLength(),
                e.openingTokens(), cores);
    }

    private void copyEncoderFiles(HeadSpec.Encoder e) throws IOException {
        if (e == null || base.equals(BUILTIN_ENCODER)) return;
        Path dir = Path.of(base);
        Files.createDirectories(out.resolve("encoder"));
        Files.copy(baseOnnx(dir), out.resolve(e.onnx()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(dir.resolve("tokenizer.json"), out.resolve(e.tokenizer()),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** The encoder folder's ONNX file: model.onnx, else onnx/model.onnx (which may not exist; callers check). */
    private static Path baseOnnx(Path dir) {
        Path top = dir.resolve("model.onnx");
        return Files.isRegularFile(top) ? top : dir.resolve("onnx/model.onnx");
    }

    private static byte[] classpath(String location) throws IOException {
        String name = location.substring("classpath:".length()).replaceAll("^/+", "");
        try (InputStream in = TrainCommand.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) throw new IOException("the built-in encoder " + name + " is not on the classpath");
            return in.readAllBytes();
        }
    }

    private String baseModelName() {
        return switch (base) {
            case BUILTIN_ENCODER -> "sentence-transformers/all-MiniLM-L6-v2 (quantized ONNX)";
            case "none" -> "none (lexical features only)";
            default -> base;
        };
    }

    /** {@code --full}: fine-tunes the base encoder with the finetune module and writes a Hugging Face folder. */
    private int fineTune(List<Example> train, List<Example> devSet, PrintWriter err, long cpuStart)
            throws IOException {
        if (base.equals(BUILTIN_ENCODER) || base.equals("none")) {
            throw new ParameterException(spec.commandLine(), "--full needs --base: a Hugging Face BERT/RoBERTa folder "
                    + "(config.json + model.safetensors) or an fp32 .onnx encoder; the built-in " + BUILTIN_ENCODER
                    + " is int8 and cannot be fine-tuned");
        }
        if (resume && checkpoints == null) {
            throw new ParameterException(spec.commandLine(), "--resume needs --checkpoints DIR");
        }
        FineTuner.Config config = FineTuner.Config.defaults()
                .withEpochs(epochs).withBatchSize(batchSize).withLearningRate(learningRate).withSeed(seed)
                .withPatience(patience);
        if (classWeights) {
            long positives = train.stream().filter(e -> e.label() == 1).count();
            long negatives = train.size() - positives;
            config = config.withClassWeights(new float[]{train.size() / (2f * negatives), train.size() / (2f * positives)});
        }
        if (checkpoints != null) {
            config = config.withCheckpoints(checkpoints, resume);
        }
        try {
            FineTuner.Result result = new FineTuneJob(
                    Path.of(base), null, labelled(train), labelled(devSet), out,
                    FineTuneJob.LABELS, maxLength, config)
                    .run(new FineTuner.Progress() {
                        @Override
                        public void step(FineTuner.Step s) {
                            err.printf("epoch %d/%d step %d/%d loss %.4f, %.0f tokens/s, ETA %s%n", s.epoch(),
                                    s.epochs(), s.step(), s.totalSteps(), s.loss(), s.tokensPerSecond(), s.eta());
                        }

                        @Override
                        public void epoch(FineTuner.Epoch e) {
                            err.printf("epoch %d: train loss %.4f%s%s%n", e.epoch(), e.trainLoss(), e.dev() == null
                                    ? "" : String.format(java.util.Locale.ROOT, ", dev F1 %.4f, loss %.4f",
                                    e.dev().confusion().f1(), e.dev().loss()), e.best() ? " (best)" : "");
                        }
                    });
            double cpuHours = (processCpuNanos() - cpuStart) / 3.6e12;
            // the card's metrics come from the written ONNX model in our pipeline: what users will run
            EvalReport report;
            try (ModelScorer written = DetectorScorer.load(out, builder -> builder)) {
                Scoring.Scored scored = Scoring.score(devSet, written, devSet.size(), done -> { });
                report = Evaluation.evaluate(devSet, scored.scores(), 0.5, List.of(), scored.textsPerSecond());
            }
            writeCard(true, report, cpuHours);
            Confusion c = report.overall().confusion();
            err.printf("fine-tuned: best epoch %d, %.0f training tokens/s; the written model on dev: F1 %.4f, "
                            + "precision %.4f, recall %.4f (n=%,d); wrote %s (config.json, model.safetensors, "
                            + "onnx/model.onnx, training.json, README.md)%n", result.bestEpoch(),
                    result.tokensPerSecond(), c.f1(), c.precision(), c.recall(), devSet.size(), out);
            return status();
        } catch (TokenizerFormatException e) {
            throw new ParameterException(spec.commandLine(), "--base " + base + ": its tokenizer: " + e.getMessage()
                    + " (a tokenizer.json belongs beside the base's graph, or in the folder above onnx/)", e);
        } catch (IllegalArgumentException e) { // a base graph that is not ONNX, a checkpoint of another run
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    /** The model card, README.md in the output folder. */
    private void writeCard(boolean fineTuned, EvalReport dev, double cpuHours) throws IOException {
        ModelCard card = new ModelCard(baseModelName(), fineTuned,
                data.stream().map(p -> p.getFileName().toString()).toList(), dev, cpuHours, powerWatts,
                carbonIntensity, String.join(" ", commandLineArgs()));
        Files.writeString(out.resolve("README.md"), card.render(), StandardCharsets.UTF_8);
    }

    private static List<LabeledText> labelled(List<Example> examples) {
        return examples.stream().map(e -> new LabeledText(e.text(), e.label(), e.prompt())).toList();
    }

    private List<String> commandLineArgs() {
        return spec.commandLine().getParseResult().originalArgs();
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
