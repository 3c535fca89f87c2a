package dev.rejection.cli;

import dev.rejection.eval.agreement.AccuracyGuard;
import dev.rejection.eval.agreement.Agreement;
import dev.rejection.eval.agreement.CalibrationTexts;
import dev.rejection.model.ModelDir;
import dev.rejection.model.ModelException;
import dev.rejection.onnx.OnnxModel;
import dev.rejection.onnx.TokenBatch;
import dev.rejection.onnx.proto.ModelProto;
import dev.rejection.onnx.quantize.ActivationSmoothing;
import dev.rejection.onnx.quantize.DynamicQuantizer;
import dev.rejection.onnx.quantize.FirstTokenLastLayer;
import dev.rejection.pipeline.Batcher;
import dev.rejection.pipeline.TextClassificationPipeline;
import dev.rejection.tokenizer.Tokenizer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code rejection quantize}: an int8 copy of a model directory ({@code onnx/model_quantized.onnx} beside its config
 * and tokenizer files), written only when it agrees with the original on a calibration set.
 */
@Command(name = "quantize", mixinStandardHelpOptions = true, versionProvider = Version.class, description = {
        "Quantize a model's weights to int8 (dynamic quantization: activations are quantized at run time), about 4x "
                + "smaller and several times faster on CPUs with VNNI.",
        "Writes OUT/onnx/model_quantized.onnx beside copies of config.json and the tokenizer files, after comparing "
                + "the int8 model with the original on calibration texts, one text per call; refuses (exit 1, "
                + "nothing written) when their labels agree on fewer than --min-agreement of them, unless --force."})
public final class QuantizeCommand implements Callable<Integer> {

    /** Where the quantized graph goes, as Hugging Face's Optimum exports name it. */
    static final String OUTPUT_ONNX = "onnx/model_quantized.onnx";
    /** Config and tokenizer files copied beside it, those the model has. */
    static final List<String> MODEL_FILES = List.of("config.json", "tokenizer.json", "tokenizer_config.json",
            "special_tokens_map.json", "added_tokens.json", "vocab.json", "merges.txt", "vocab.txt");

    @Spec
    CommandSpec spec;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = HubModels.LABEL, description = HubModels.HELP)
    String model;

    @Option(names = "--onnx-file", paramLabel = "PATH",
            description = "ONNX file inside the model directory to quantize (default: model.onnx, else onnx/model.onnx).")
    String onnxFile;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR",
            description = "Directory to write (created if needed; may be the model directory itself).")
    Path out;

    @Option(names = "--calibration", paramLabel = "FILE",
            description = "Texts (.jsonl, .csv or .txt) to compare the models on (default: a built-in set of "
                    + "~200 refusals and normal answers).")
    Path calibration;

    @Option(names = "--text-field", defaultValue = "text", paramLabel = "NAME",
            description = "Field holding the text in a .jsonl or .csv calibration file (default: ${DEFAULT-VALUE}).")
    String textField;

    @Option(names = "--min-agreement", defaultValue = "0.99", paramLabel = "X",
            description = "Share of calibration texts whose labels must agree, in [0, 1] (default: ${DEFAULT-VALUE}).")
    double minAgreement;

    @Option(names = "--max-delta", paramLabel = "X",
            description = "Also refuse when any score moves by more than X (default: not checked).")
    Double maxDelta;

    @Option(names = "--force", description = "Write the model even when it fails the checks.")
    boolean force;

    @Option(names = "--per-tensor", description = "One weight scale per matrix instead of one per output column.")
    boolean perTensor;

    @Option(names = "--keep-embeddings", description = "Leave the embedding tables in float (a file ~2x, not ~4x, "
            + "smaller).")
    boolean keepEmbeddings;

    @Option(names = "--reduce-range", description = "7-bit weights: for CPUs without VNNI, whose int8 kernels can "
            + "overflow with full-range weights.")
    boolean reduceRange;

    @Option(names = "--min-dimension", defaultValue = "16", paramLabel = "N",
            description = "Matrices with fewer rows or columns stay float (default: ${DEFAULT-VALUE}; keeps the "
                    + "classifier's output projection exact).")
    int minDimension;

    @Option(names = "--first-token-last-layer", negatable = true, paramLabel = "WHEN",
            description = "Also compute the last encoder layer's query, attention output and feed-forward for the "
                    + "first token only, the one the classifier reads (the same logits in float, ~1/6 less work for "
                    + "a 6-layer model). Default: applied when the graph has the pattern (a first-token sequence "
                    + "classifier), said and skipped otherwise; given, a graph without it is an error; "
                    + "--no-first-token-last-layer keeps every token's last layer.")
    Boolean firstTokenLastLayer;

    @Option(names = "--keep-float", paramLabel = "REGEX",
            description = "Weights whose whole name matches REGEX stay float, e.g. '.*pooler.*': layers whose int8 "
                    + "error costs more than their speed gains (ONNX Runtime's nodes_to_exclude, by weight name).")
    String keepFloat;

    @Option(names = "--smooth", paramLabel = "REGEX",
            description = "Smooth the inputs of the MatMuls whose weight's whole name matches REGEX before "
                    + "quantizing (SmoothQuant): each input channel divided by a scale and the weight's row multiplied "
                    + "by it, the same product in float, so that a few large channels (LayerNorm and GELU outliers) "
                    + "no longer coarsen the run-time int8 scale of all the others. The channel ranges are measured on "
                    + "the calibration texts. E.g. '.*(intermediate|output)\\.dense.*'.")
    String smooth;

    @Option(names = "--smooth-alpha", defaultValue = "0.8", paramLabel = "X",
            description = "How much of an input's range --smooth moves into the weights, in [0, 1] (default: "
                    + "${DEFAULT-VALUE}: on two fine-tuned MiniLM detectors it followed the float model ~8x closer "
                    + "than plain int8, 0.5 only 2-3x).")
    double smoothAlpha;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "N",
            description = "ONNX Runtime threads for the comparison (default: all cores).")
    int threads;

    @Override
    public Integer call() throws IOException {
        if (!(minAgreement >= 0 && minAgreement <= 1)) {
            throw new ParameterException(spec.commandLine(), "--min-agreement must be in [0, 1], got " + minAgreement);
        }
        if (maxDelta != null && !(maxDelta > 0)) {
            throw new ParameterException(spec.commandLine(), "--max-delta must be above 0, got " + maxDelta);
        }
        if (minDimension < 1) {
            throw new ParameterException(spec.commandLine(), "--min-dimension must be at least 1, got " + minDimension);
        }
        if (!(smoothAlpha >= 0 && smoothAlpha <= 1)) {
            throw new ParameterException(spec.commandLine(), "--smooth-alpha must be in [0, 1], got " + smoothAlpha);
        }
        Pattern keep = regex("--keep-float", keepFloat);
        Pattern smoothed = regex("--smooth", smooth);
        List<String> texts = calibrationTexts();
        ModelDir dir;
        try {
            dir = ModelDir.open(HubModels.modelDir(spec, model, null, onnxFile), onnxFile);
        } catch (ModelException e) {
            throw new ParameterException(spec.commandLine(), "cannot load the model: " + e.getMessage(), e);
        }
        refuseAnotherModel(dir.root());
        PrintWriter stdout = spec.commandLine().getOut();
        Tokenizer tokenizer = Tokenizer.fromDirectory(dir.root()); // for the channel ranges and the comparison

        long start = System.nanoTime();
        ModelProto original;
        try {
            original = ModelProto.read(dir.onnxFile());
        } catch (IllegalArgumentException e) { // not an ONNX file, or cut short
            throw new ParameterException(spec.commandLine(), "cannot read the model's graph: " + e.getMessage(), e);
        }
        if (keep != null && original.graph().initializers().stream().noneMatch(w -> keep.matcher(w.name()).matches())) {
            throw new ParameterException(spec.commandLine(), "--keep-float '" + keepFloat + "' matches no weight of "
                    + dir.onnxFile() + original.graph().initializers().stream().findFirst()
                            .map(w -> " (its weights are named like '" + w.name() + "')").orElse(" (it has none)"));
        }
        DynamicQuantizer.Options options = new DynamicQuantizer.Options(minDimension, !perTensor, !keepEmbeddings,
                reduceRange, keep);
        ModelProto source = original;
        boolean firstTokenOnly = false;
        if (!Boolean.FALSE.equals(firstTokenLastLayer)) {
            try {
                source = FirstTokenLastLayer.rewrite(original);
                firstTokenOnly = true;
            } catch (IllegalArgumentException e) {
                if (firstTokenLastLayer != null) {
                    throw new ParameterException(spec.commandLine(), "--first-token-last-layer: " + dir.onnxFile()
                            + ": " + e.getMessage(), e);
                }
                stdout.printf("every token's last layer kept (%s)%n", e.getMessage());
            }
        }
        if (smoothed != null) {
            List<String> inputs = ActivationSmoothing.activations(source, smoothed);
            if (inputs.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "--smooth '" + smooth + "' names no MatMul weight "
                        + "of " + dir.onnxFile());
            }
            Map<String, float[]> ranges = channelRanges(dir, tokenizer, ActivationSmoothing.withOutputs(source, inputs),
                    inputs, texts);
            source = ActivationSmoothing.smooth(source, smoothed, ranges, smoothAlpha);
            stdout.printf(Locale.ROOT, "smoothed %d MatMul inputs (alpha %.2f; channel ranges from %d calibration "
                    + "texts)%n", inputs.size(), smoothAlpha, texts.size());
        }
        DynamicQuantizer.Result result = new DynamicQuantizer(options).quantize(source);
        byte[] int8 = result.model().toByteArray();
        long originalBytes = Files.size(dir.onnxFile());
        stdout.printf(Locale.ROOT, "quantized %s (%.1f MB): %d MatMul/Gemm and %d embedding tables in int8, %d weight "
                        + "matrices left in float%s, in %.1f s%n", dir.onnxFile(), originalBytes / 1e6, result.matMuls(),
                result.gathers(), result.keptFloat(), firstTokenOnly ? "; last layer for the first token only"
                        : "", (System.nanoTime() - start) / 1e9);

        Agreement agreement = compare(dir, tokenizer, int8, texts);
        stdout.printf(Locale.ROOT, "int8 vs float on %d calibration texts (%s): %s%n", texts.size(),
                calibration == null ? "built-in" : calibration, agreement);
        List<String> failures = new AccuracyGuard(minAgreement, maxDelta == null ? Double.POSITIVE_INFINITY : maxDelta)
                .failures(agreement);
        if (!failures.isEmpty() && !force) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("quantize: refusing to write " + out.resolve(OUTPUT_ONNX) + ": " + String.join("; ", failures)
                    + ". Use --force to write it anyway, or keep the float model.");
            return 1;
        }
        failures.forEach(f -> stdout.println("warning (--force): " + f));

        List<String> copied = copyModelFiles(dir.root(), out);
        Path target = out.resolve(OUTPUT_ONNX);
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.write(tmp, int8);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        stdout.printf(Locale.ROOT, "wrote %s (%.1f MB, %.2fx smaller) with %s%n", target, int8.length / 1e6,
                originalBytes / (double) int8.length, String.join(", ", copied));
        stdout.flush();
        return 0;
    }

    private List<String> calibrationTexts() throws IOException {
        if (calibration == null) {
            return CalibrationTexts.builtIn();
        }
        try {
            return CalibrationTexts.read(calibration, textField);
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            throw new ParameterException(spec.commandLine(), "--calibration: " + e.getMessage());
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ParameterException(spec.commandLine(), "--calibration " + calibration + ": no such file");
        }
    }

    private Pattern regex(String option, String value) {
        try {
            return value == null ? null : Pattern.compile(value);
        } catch (PatternSyntaxException e) {
            throw new ParameterException(spec.commandLine(), option + ": not a regular expression: "
                    + e.getDescription() + " at index " + e.getIndex() + " of '" + value + "'");
        }
    }

    /**
     * The largest magnitude of each channel (last dimension) of the values {@code probe} outputs, over the texts run
     * one per call, as the quantized model will see them.
     */
    private Map<String, float[]> channelRanges(ModelDir dir, Tokenizer tokenizer, ModelProto probe,
                                               List<String> values, List<String> texts) {
        Map<String, float[]> ranges = new LinkedHashMap<>();
        try (TextClassificationPipeline pipeline = onePerCall(dir, tokenizer,
                OnnxModel.load(probe.toByteArray(), "probe of " + dir.onnxFile(), threads))) {
            for (String text : texts) {
                TokenBatch batch = TokenBatch.pad(List.of(pipeline.preprocess(text)), 0); // one text: no padding
                pipeline.model().run(batch, values).forEach((name, t) -> {
                    long[] shape = t.shape();
                    int channels = (int) shape[shape.length - 1];
                    float[] max = ranges.computeIfAbsent(name, k -> new float[channels]);
                    float[] v = t.values();
                    for (int i = 0; i < v.length; i++) {
                        max[i % channels] = Math.max(max[i % channels], Math.abs(v[i]));
                    }
                });
            }
        }
        return ranges;
    }

    /** Both models on every text, one text per call (int8 scales activations per call). */
    private Agreement compare(ModelDir dir, Tokenizer tokenizer, byte[] int8, List<String> texts) {
        try (TextClassificationPipeline reference = onePerCall(dir, tokenizer, OnnxModel.load(dir.onnxFile(), threads));
             TextClassificationPipeline quantized = onePerCall(dir, tokenizer,
                     OnnxModel.load(int8, "int8 " + dir.onnxFile(), threads))) {
            return Agreement.measure(reference, quantized, texts);
        }
    }

    /** {@code model} read as the model directory's classifier, one text per call (int8 scales per call). */
    private static TextClassificationPipeline onePerCall(ModelDir dir, Tokenizer tokenizer, OnnxModel model) {
        return new TextClassificationPipeline(tokenizer, model, dir.config(),
                TextClassificationPipeline.defaultMaxLength(dir.config(), dir.modelMaxLength()), new Batcher(1, 1));
    }

    /**
     * Refuses an --out that is a file, or a folder of another model: its config.json would be replaced by this
     * model's, under its own weights. The model's own folder, a new one, or one written from this model before, is
     * taken.
     */
    private void refuseAnotherModel(Path model) throws IOException {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new ParameterException(spec.commandLine(), "--out " + out + " is a file; name a folder");
        }
        Path config = out.resolve("config.json");
        Path own = model.resolve("config.json");
        if (Files.isRegularFile(config) && Files.isRegularFile(own) && !Files.isSameFile(config, own)
                && Files.mismatch(config, own) >= 0) {
            throw new ParameterException(spec.commandLine(), "--out " + out + " holds another model (its config.json "
                    + "differs from " + own + "); name the model's own folder, a new one, or an empty one");
        }
    }

    /** Copies config and tokenizer files (following the Hub cache's links) unless {@code to} is the model itself. */
    private static List<String> copyModelFiles(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        List<String> copied = new ArrayList<>();
        for (String name : MODEL_FILES) {
            Path source = from.resolve(name);
            if (Files.isRegularFile(source)) {
                Path target = to.resolve(name);
                if (!Files.exists(target) || !Files.isSameFile(source, target)) {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
                copied.add(name);
            }
        }
        return copied;
    }
}
