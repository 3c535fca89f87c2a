package dev.rejection.cli;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.rejection.io.TextRecord;
import dev.rejection.io.TextRecords;
import dev.rejection.model.ModelDir;
import dev.rejection.model.ModelException;
import dev.rejection.onnx.OnnxModel;
import dev.rejection.onnx.TokenBatch;
import dev.rejection.pipeline.Batcher;
import dev.rejection.pipeline.TextClassificationPipeline;
import dev.rejection.tokenizer.Encoding;
import dev.rejection.tokenizer.Tokenizer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * {@code rejection bench}: our pipeline, transformers.js (the reference, {@code reference/js/classify.mjs}) and
 * ONNX Runtime alone, on the same model directory and texts, in one run on one machine.
 *
 * <p>For short (~16 tokens), medium (~64) and long (~400) texts it measures one text per call (latency) and bulk
 * scoring at each implementation's best batch size from a sweep, and ONNX Runtime's bare {@code session.run} on the
 * very tensors our pipeline builds, so that our overhead shows. Throughput is {@code batch / median call time}, so
 * that other load on a shared machine moves it less than a mean would.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark our pipeline against transformers.js and raw ONNX Runtime on one model directory.")
public final class BenchCommand implements Callable<Integer> {
    /** fp32 FMA peak of one core of the reference machine (2 FMA units x 8 lanes x 2 FLOP x ~3.7 GHz). */
    static final double PEAK_GFLOPS_PER_CORE = 118;

    /** The text sets: token counts (special tokens included) a text must have to join. */
    record Band(String name, int minTokens, int maxTokens) {
    }

    static final List<Band> BANDS = List.of(new Band("short", 12, 20), new Band("medium", 56, 72),
            new Band("long", 360, 440), new Band("mixed", 1, Integer.MAX_VALUE)); // mixed: any length, file order

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, description = "Hugging Face-layout model directory.")
    Path modelDir;

    @Option(names = "--onnx-file", paramLabel = "PATH",
            description = "ONNX file inside the model directory for our pipeline and ONNX Runtime, e.g. "
                    + "onnx/model_quantized.onnx (default: model.onnx, else onnx/model.onnx). transformers.js runs "
                    + "onnx/model_quantized.onnx (its dtype q8) when this names it, else onnx/model.onnx (fp32).")
    String onnxFile;

    @Option(names = "--texts", required = true,
            description = "JSONL/CSV/TXT file the short, medium and long texts are drawn from.")
    Path textsFile;

    @Option(names = "--text-field", defaultValue = "text", description = "Field holding the text (default: ${DEFAULT-VALUE}).")
    String textField;

    @Option(names = "--texts-per-set", defaultValue = "128", description = "Texts per length band (default: ${DEFAULT-VALUE}).")
    int textsPerSet;

    @Option(names = "--batch-sizes", split = ",", defaultValue = "8,16,32,64",
            description = "Bulk batch sizes to sweep (default: ${DEFAULT-VALUE}).")
    int[] batchSizes;

    @Option(names = "--seconds", defaultValue = "4", description = "Measuring time per configuration (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--warmup-seconds", defaultValue = "1",
            description = "Untimed calls before each configuration is measured (default: ${DEFAULT-VALUE}).")
    double warmupSeconds;

    @Option(names = "--threads", defaultValue = "0",
            description = "ONNX Runtime intra-op threads for every implementation; 0 = all cores (default).")
    int threads;

    @Option(names = "--reference-js", defaultValue = "reference/js",
            description = "Folder of classify.mjs with transformers.js installed (default: ${DEFAULT-VALUE}).")
    Path referenceJs;

    @Option(names = "--node", defaultValue = "node", description = "Node.js executable (default: ${DEFAULT-VALUE}).")
    String node;

    @Option(names = "--sets", split = ",", defaultValue = "short,medium,long,mixed",
            description = "Text sets to measure, of short (~16 tokens), medium (~64), long (~400) and mixed (any "
                    + "length, in file order, as in a log) (default: ${DEFAULT-VALUE}).")
    List<String> sets;

    @Option(names = "--skip-js", description = "Measure only our pipeline and ONNX Runtime.")
    boolean skipJs;

    @Option(names = "--processes", split = ",", paramLabel = "N",
            description = "Also time whole runs, start-up included, on the first N texts of --texts, for each N "
                    + "(e.g. 1,200,1000): our classify and transformers.js's pipeline (one text per call) as "
                    + "processes, on the model folder's onnx/model.onnx (fp32) and onnx/model_quantized.onnx "
                    + "(transformers.js's q8), alternating. Alone (without --sets), only these are measured.")
    int[] processes;

    @Option(names = "--runs", defaultValue = "3",
            description = "Timed runs of each process with --processes, after one untimed (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--transformers", paramLabel = "DIR",
            description = "Run the transformers.js installed in DIR/node_modules, e.g. a newer version than the "
                    + "reference's pinned one (default: --reference-js's own).")
    Path transformers;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One measured configuration. */
    record Row(String set, String mode, String implementation, int batchSize, double textsPerSecond, double p50Ms,
               double p95Ms, double gflops) {
    }

    @Override
    public Integer call() throws Exception {
        try {
            return measure();
        } catch (WholeProcessBench.PeerFailed e) {
            spec.commandLine().getErr().println("bench: " + e.getMessage());
            return 1;
        }
    }

    private int measure() throws Exception {
        checkOptions();
        int cores = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        if (processes != null) {
            if (Arrays.stream(processes).anyMatch(n -> n < 1) || runs < 1) {
                throw new ParameterException(spec.commandLine(), "--processes counts and --runs must be at least 1");
            }
            if (!spec.commandLine().getParseResult().hasMatchedOption("--sets")) {
                PrintWriter out = spec.commandLine().getOut();
                out.printf("bench: load average %s%n", loadAverage());
                wholeProcesses(cores, out);
                out.printf("load average at the end: %s%n", loadAverage());
                out.flush();
                return 0;
            }
        }
        ModelDir dir;
        try {
            dir = ModelDir.open(modelDir, onnxFile);
        } catch (ModelException e) {
            throw new ParameterException(spec.commandLine(), "--model: " + e.getMessage(), e);
        }
        Flops flops = Flops.of(dir.root().resolve("config.json"));
        Tokenizer tokenizer = Tokenizer.fromDirectory(dir.root());
        PrintWriter out = spec.commandLine().getOut();
        out.printf("bench: %s on %d ONNX Runtime threads, ~%.1f s per row; peak %.0f GFLOP/s (%d x %.0f fp32 FMA); "
                        + "texts/s = batch / median call time; load average %s%n", dir.onnxFile(), cores, seconds,
                cores * PEAK_GFLOPS_PER_CORE, cores, PEAK_GFLOPS_PER_CORE, loadAverage());
        List<Band> bands = new ArrayList<>();
        for (String name : sets) {
            bands.add(BANDS.stream().filter(b -> b.name().equalsIgnoreCase(name.trim())).findFirst()
                    .orElseThrow(() -> new ParameterException(spec.commandLine(), "--sets: unknown set '" + name
                            + "', expected some of " + BANDS.stream().map(Band::name).toList())));
        }
        Map<Band, List<String>> textSets;
        try {
            textSets = chooseTexts(tokenizer, bands);
        } catch (IllegalArgumentException e) { // too few texts in a band, a file without the text field
            throw new ParameterException(spec.commandLine(), "--texts " + e.getMessage(), e);
        }

        List<Row> rows = new ArrayList<>();
        Path work = Files.createTempDirectory("rejection-bench");
        try (OnnxModel model = OnnxModel.load(dir.onnxFile(), threads);
             OnnxModel oneThread = OnnxModel.load(dir.onnxFile(), 1)) {
            int maxLength = TextClassificationPipeline.defaultMaxLength(dir.config(), dir.modelMaxLength());
            int padId = tokenizer.padId().orElse(dir.config().padTokenId().orElse(0)); // as the pipeline pads
            Map<Integer, TextClassificationPipeline> pipelines = new HashMap<>();
            IntFunction<TextClassificationPipeline> pipelineFor = b -> pipelines.computeIfAbsent(b,
                    size -> new TextClassificationPipeline(tokenizer, model, dir.config(), maxLength,
                            new Batcher(size, 1)));
            // bulk the other way: one thread per call, as many calls at once as there are cores (no thread
            // synchronisation inside a call, which costs most on short texts)
            Map<Integer, TextClassificationPipeline> parallel = new HashMap<>();
            IntFunction<TextClassificationPipeline> parallelFor = b -> parallel.computeIfAbsent(b,
                    size -> new TextClassificationPipeline(tokenizer, oneThread, dir.config(), maxLength,
                            new Batcher(size, cores)));
            // one untimed pass over every text first: the first row measured otherwise still pays for the JIT and for
            // ONNX Runtime's first runs at each shape (measured: +20% on the first short texts after 1 s of warm-up)
            textSets.values().forEach(texts -> texts.forEach(pipelineFor.apply(1)::classify));
            printHeader(out);
            for (Band band : bands) {
                List<String> texts = textSets.get(band);
                Path jsonl = writeJsonl(texts, work.resolve(band.name() + ".jsonl"));
                double textFlops = flops.perText(texts, pipelineFor.apply(1));
                Measure measure = new Measure(band, texts, jsonl, textFlops, pipelineFor, padId, cores, out, rows);

                // batch 1 counts for bulk too: on long texts it is the best batch size (no padding at all)
                Row bestOurs = measure.ours("single", 1);
                measure.paired(1);
                Row bestJs = skipJs ? null : measure.js("single", 1);
                Row bestSession = null; // our best with one session call at a time, for the overhead over raw ORT
                for (int b : batchSizes) {
                    Row r = measure.ours("bulk", b);
                    bestSession = bestSession == null || r.textsPerSecond() > bestSession.textsPerSecond() ? r
                            : bestSession;
                    if (cores > 1) {
                        Row p = measure.oursParallel(parallelFor.apply(b), b);
                        r = p.textsPerSecond() > r.textsPerSecond() ? p : r;
                    }
                    bestOurs = r.textsPerSecond() > bestOurs.textsPerSecond() ? r : bestOurs;
                    if (!skipJs) {
                        Row j = measure.js("bulk", b);
                        bestJs = j.textsPerSecond() > bestJs.textsPerSecond() ? j : bestJs;
                    }
                }
                measure.paired(bestSession.batchSize());
                rows.add(new Row(band.name(), "best", bestOurs.implementation(), bestOurs.batchSize(),
                        bestOurs.textsPerSecond(),
                        bestOurs.p50Ms(), bestOurs.p95Ms(), bestOurs.gflops()));
                if (bestJs != null) {
                    rows.add(new Row(band.name(), "best", "transformers.js", bestJs.batchSize(),
                            bestJs.textsPerSecond(), bestJs.p50Ms(), bestJs.p95Ms(), bestJs.gflops()));
                }
            }
        } finally {
            try (Stream<Path> files = Files.list(work)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(work);
        }
        printSummary(out, rows, bands);
        if (processes != null) {
            wholeProcesses(cores, out);
        }
        out.printf("load average at the end: %s%n", loadAverage());
        out.flush();
        return 0;
    }

    /**
     * The whole-process rows; a bad request (texts, model folder) is a usage error, a run that fails stops the bench
     * with what it printed ({@link WholeProcessBench.PeerFailed}, exit 1).
     */
    private void wholeProcesses(int cores, PrintWriter out) throws IOException, InterruptedException {
        WholeProcessBench bench = new WholeProcessBench(modelDir, textsFile, textField, runs, node, referenceJs,
                transformersDir(), cores, skipJs, out);
        try {
            bench.run(processes);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    /** The folder whose node_modules holds the transformers.js to run: --transformers, else the reference's. */
    private Path transformersDir() {
        return transformers != null ? transformers : referenceJs;
    }

    /** The 1-, 5- and 15-minute load averages (Linux), so a reader can judge how busy the machine was. */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** The options that need no file, before anything is loaded or printed. */
    private void checkOptions() {
        if (Arrays.stream(batchSizes).anyMatch(b -> b < 1)) {
            throw new ParameterException(spec.commandLine(), "--batch-sizes must all be at least 1, got "
                    + Arrays.toString(batchSizes));
        }
        if (textsPerSet < 1) {
            throw new ParameterException(spec.commandLine(), "--texts-per-set must be at least 1, got " + textsPerSet);
        }
        if (!(seconds > 0 && Double.isFinite(seconds)) || !(warmupSeconds >= 0 && Double.isFinite(warmupSeconds))) {
            throw new ParameterException(spec.commandLine(), "--seconds must be a number above 0 and "
                    + "--warmup-seconds one at least 0, got " + seconds + " and " + warmupSeconds);
        }
        if (threads < 0) {
            throw new ParameterException(spec.commandLine(), "--threads must be 0 (every core) or more, got " + threads);
        }
        InputOptions.requireReadable(spec.commandLine(), "--texts", textsFile, ".jsonl, .csv or .txt");
    }

    /**
     * Up to {@code textsPerSet} texts per band, evenly spread over the file, with one tokenizer pass over it.
     * Token counts are without truncation, special tokens included.
     */
    private Map<Band, List<String>> chooseTexts(Tokenizer tokenizer, List<Band> bands) throws IOException {
        Tokenizer untruncated = tokenizer.withoutTruncation().withoutPadding();
        Map<Band, List<String>> inBand = new LinkedHashMap<>();
        bands.forEach(b -> inBand.put(b, new ArrayList<>()));
        int unreadable = 0;
        String firstError = null;
        try (Stream<TextRecord> records = TextRecords.read(textsFile, textField)) {
            for (TextRecord r : (Iterable<TextRecord>) records::iterator) {
                if (r.error() != null) { // left out, and said below: a benchmark needs texts, not every one
                    unreadable++;
                    firstError = firstError == null ? r.error() : firstError;
                    continue;
                }
                int n = untruncated.encode(r.text()).length();
                for (Band band : bands) {
                    if (n >= band.minTokens() && n <= band.maxTokens()) {
                        inBand.get(band).add(r.text());
                    }
                }
            }
        }
        if (unreadable > 0) {
            spec.commandLine().getErr().printf("bench: %,d records of %s could not be read and are left out "
                    + "(the first: %s)%n", unreadable, textsFile, firstError);
        }
        int largestBatch = Math.max(1, Arrays.stream(batchSizes).max().orElse(1));
        Map<Band, List<String>> chosen = new LinkedHashMap<>();
        for (Band band : bands) {
            List<String> candidates = inBand.get(band);
            if (candidates.size() < largestBatch) {
                throw new IllegalArgumentException(textsFile + ": only " + candidates.size() + " texts of "
                        + band.minTokens() + ".." + band.maxTokens() + " tokens (" + band.name() + "), need at least "
                        + largestBatch + " (the largest --batch-sizes)");
            }
            int n = Math.min(Math.max(textsPerSet, largestBatch), candidates.size());
            List<String> texts = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                texts.add(candidates.get((int) ((long) i * candidates.size() / n)));
            }
            chosen.put(band, texts);
        }
        return chosen;
    }

    static Path writeJsonl(List<String> texts, Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (String t : texts) {
                w.write(JSON.writeValueAsString(Map.of("text", t)));
                w.newLine();
            }
        }
        return file;
    }

    private static List<List<String>> chunks(List<String> texts, int size) {
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i + size <= texts.size(); i += size) { // whole batches only: every call does equal work
            out.add(texts.subList(i, i + size));
        }
        return out;
    }

    /** Measures the rows of one text set and prints each as soon as it is measured. */
    private final class Measure {
        private final Band band;
        private final List<String> texts;
        private final Path jsonl;
        private final double textFlops;
        private final IntFunction<TextClassificationPipeline> pipelineFor;
        private final int padId;
        private final int cores;
        private final PrintWriter out;
        private final List<Row> rows;

        Measure(Band band, List<String> texts, Path jsonl, double textFlops,
                IntFunction<TextClassificationPipeline> pipelineFor, int padId, int cores,
                PrintWriter out, List<Row> rows) {
            this.band = band;
            this.texts = texts;
            this.jsonl = jsonl;
            this.textFlops = textFlops;
            this.pipelineFor = pipelineFor;
            this.padId = padId;
            this.cores = cores;
            this.out = out;
            this.rows = rows;
        }

        /** Our pipeline: {@code classify(text)} or {@code classify(batch)} per call, tokenization included. */
        Row ours(String mode, int batchSize) {
            TextClassificationPipeline pipeline = pipelineFor.apply(batchSize);
            List<List<String>> batches = chunks(texts, batchSize);
            double[] callMs = repeat(batches.size(), i -> {
                if (batchSize == 1) {
                    pipeline.classify(batches.get(i).get(0));
                } else {
                    pipeline.classify(batches.get(i));
                }
            });
            return add(row(mode, "ours", batchSize, callMs));
        }

        /**
         * Bulk scoring as a user does it: one {@code classify} of the whole set, which sorts the texts by length
         * into batches of {@code batchSize} (little padding, even when lengths are mixed) and runs {@code cores}
         * of them at once, one ONNX Runtime thread each.
         */
        Row oursParallel(TextClassificationPipeline pipeline, int batchSize) {
            double[] callMs = repeat(1, i -> pipeline.classify(texts));
            Row row = row("bulk", "ours " + cores + "x1thread", texts.size(), callMs);
            return add(new Row(row.set(), row.mode(), row.implementation(), batchSize, row.textsPerSecond(),
                    row.p50Ms(), row.p95Ms(), row.gflops()));
        }

        /**
         * Our overhead over ONNX Runtime: the pipeline ({@code classify}: tokenize, pad, run, softmax) and the same
         * session run on the same batches pre-tokenized and pre-padded, alternating call by call, so that both
         * meet the same machine and the same thread pool. (Two sessions timed apart differ by up to ±20% here, and
         * alternating two sessions slows both, each one's spinning threads taking cores from the other.) Adds one
         * {@code paired} row for each.
         */
        void paired(int batchSize) {
            TextClassificationPipeline pipeline = pipelineFor.apply(batchSize);
            List<List<String>> batches = chunks(texts, batchSize);
            List<TokenBatch> tensors = batches.stream()
                    .map(b -> TokenBatch.pad(b.stream().map(pipeline::preprocess).toList(), padId)).toList();
            List<Double> oursMs = new ArrayList<>();
            double[] pairMs = repeat(batches.size(), i -> {
                long t0 = System.nanoTime();
                pipeline.classify(batches.get(i));
                oursMs.add((System.nanoTime() - t0) / 1e6);
                pipeline.model().logits(tensors.get(i));
            });
            // repeat timed each pair (after its warm-up pairs); the bare run is the pair less ours, call by call
            double[] ours = oursMs.subList(oursMs.size() - pairMs.length, oursMs.size()).stream()
                    .mapToDouble(Double::doubleValue).toArray();
            double[] bare = new double[pairMs.length];
            for (int i = 0; i < bare.length; i++) {
                bare[i] = pairMs[i] - ours[i];
            }
            add(row("paired", "ours", batchSize, ours));
            add(row("paired", "onnxruntime", batchSize, bare));
        }

        /** transformers.js's pipeline, as a child process running {@code classify.mjs bench}. */
        Row js(String mode, int batchSize) throws IOException, InterruptedException {
            List<String> command = List.of(node, referenceJs.resolve("classify.mjs").toAbsolutePath().toString(),
                    "bench", "--model", modelDir.toAbsolutePath().toString(), "--input", jsonl.toString(),
                    "--batch-size", Integer.toString(batchSize), "--seconds", Double.toString(seconds),
                    "--warmup-seconds", Double.toString(warmupSeconds),
                    "--threads", Integer.toString(cores), "--dtype", jsDtype(), "--truncation", "js",
                    "--transformers", transformersDir().toAbsolutePath().toString());
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (process.waitFor() != 0 || output.isEmpty()) {
                throw new WholeProcessBench.PeerFailed("transformers.js bench failed (its message above): "
                        + String.join(" ", command));
            }
            JsonNode result = JSON.readTree(output.lines().reduce((a, b) -> b).orElseThrow());
            double p50 = result.get("p50_ms").asDouble();
            // the same texts and ids as ours (the parity tests show), so the same work per text
            return add(new Row(band.name(), mode, "transformers.js", batchSize, batchSize / (p50 / 1000), p50,
                    result.get("p95_ms").asDouble(), textFlops * batchSize / (p50 / 1000) / 1e9));
        }

        /** transformers.js's name for the file we run: q8 for onnx/model_quantized.onnx, the only int8 it loads. */
        private String jsDtype() {
            return onnxFile != null && Path.of(onnxFile).normalize().equals(Path.of("onnx/model_quantized.onnx"))
                    ? "q8" : "fp32";
        }

        private Row row(String mode, String implementation, int batchSize, double[] callMs) {
            Arrays.sort(callMs);
            double p50 = percentile(callMs, 50);
            return new Row(band.name(), mode, implementation, batchSize, batchSize / (p50 / 1000), p50,
                    percentile(callMs, 95), textFlops * batchSize / (p50 / 1000) / 1e9);
        }

        private Row add(Row row) {
            rows.add(row);
            printRow(out, row, cores);
            return row;
        }
    }

    /**
     * Per-call times in ms: untimed warm-up calls for {@link #warmupSeconds} (at least one), then calls cycling over
     * the batches until {@link #seconds} have passed (at least {@value #MIN_CALLS} calls), so every row costs about
     * the same time whatever its size. The warm-up matters: while the JIT still compiles the tokenizer, its
     * compiler threads take a core from ONNX Runtime's two (measured: +50% on the first short texts).
     */
    private double[] repeat(int calls, java.util.function.IntConsumer call) {
        long warm = System.nanoTime() + (long) (warmupSeconds * 1e9);
        int w = 0;
        do {
            call.accept(w);
            w = (w + 1) % calls;
        } while (System.nanoTime() < warm);
        List<Double> times = new ArrayList<>();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        for (int i = 0; times.size() < MIN_CALLS || System.nanoTime() < end; i = (i + 1) % calls) {
            long t0 = System.nanoTime();
            call.accept(i);
            times.add((System.nanoTime() - t0) / 1e6);
        }
        return times.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static final int MIN_CALLS = 3;

    /** The median of the values (sorted on a copy). */
    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static double percentile(double[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }

    private static void printHeader(PrintWriter out) {
        out.printf("%n%-7s %-7s %-16s %6s %10s %9s %9s %9s %7s%n", "texts", "mode", "implementation", "batch",
                "texts/s", "p50 ms", "p95 ms", "GFLOP/s", "%peak");
        out.flush();
    }

    private static void printRow(PrintWriter out, Row r, int cores) {
        out.printf("%-7s %-7s %-16s %6d %10.1f %9.2f %9.2f %9.1f %6.0f%%%n", r.set(), r.mode(), r.implementation(),
                r.batchSize(), r.textsPerSecond(), r.p50Ms(), r.p95Ms(), r.gflops(),
                100 * r.gflops() / (cores * PEAK_GFLOPS_PER_CORE));
        out.flush();
    }

    private static void printSummary(PrintWriter out, List<Row> rows, List<Band> bands) {
        out.println();
        for (Band band : bands) {
            Row oursSingle = find(rows, band, "single", "ours");
            Row jsSingle = find(rows, band, "single", "transformers.js");
            Row oursBulk = rows.stream().filter(r -> r.set().equals(band.name()) && r.mode().equals("best")
                    && r.implementation().startsWith("ours")).findFirst().orElseThrow();
            List<Row> paired = rows.stream().filter(r -> r.set().equals(band.name()) && r.mode().equals("paired"))
                    .toList();
            Row jsBulk = find(rows, band, "best", "transformers.js");
            StringBuilder line = new StringBuilder(String.format("%-7s", band.name()));
            if (jsBulk != null) {
                line.append(String.format(" bulk %.2fx transformers.js's best (ours: %s at batch %d, theirs at %d);",
                        oursBulk.textsPerSecond() / jsBulk.textsPerSecond(), oursBulk.implementation(),
                        oursBulk.batchSize(), jsBulk.batchSize()));
                line.append(String.format(" single-text latency %.2fx;", oursSingle.p50Ms() / jsSingle.p50Ms()));
            }
            line.append(" overhead over ONNX Runtime (calls alternating):");
            for (int i = 0; i + 1 < paired.size(); i += 2) {
                line.append(String.format(" batch %d %+.1f%%", paired.get(i).batchSize(),
                        100 * (paired.get(i).p50Ms() / paired.get(i + 1).p50Ms() - 1)));
            }
            out.println(line);
        }
    }

    private static Row find(List<Row> rows, Band band, String mode, String implementation) {
        return rows.stream().filter(r -> r.set().equals(band.name()) && r.mode().equals(mode)
                && r.implementation().equals(implementation)).findFirst().orElse(null);
    }

    /**
     * Floating-point work of a BERT-style encoder from its config: per layer, 2 FLOP per weight of the Q, K, V,
     * output and feed-forward matrices per token, plus the attention products (QK^T and weights x V, 4 x T^2 x H).
     */
    record Flops(int layers, int hidden, int intermediate) {
        static Flops of(Path configJson) throws IOException {
            JsonNode c = JSON.readTree(configJson.toFile());
            for (String field : List.of("num_hidden_layers", "hidden_size", "intermediate_size")) {
                if (!c.path(field).isInt()) {
                    throw new IllegalArgumentException(configJson + ": field '" + field + "' missing or not an integer");
                }
            }
            return new Flops(c.get("num_hidden_layers").asInt(), c.get("hidden_size").asInt(),
                    c.get("intermediate_size").asInt());
        }

        double forTokens(int t) {
            double h = hidden;
            double matmuls = 2.0 * t * (4 * h * h + 2 * h * intermediate);
            double attention = 4.0 * t * t * h;
            return layers * (matmuls + attention);
        }

        /** Mean work per text as the pipeline truncates it (padding not counted: useful work only). */
        double perText(List<String> texts, TextClassificationPipeline pipeline) {
            return texts.stream().mapToDouble(t -> forTokens(pipeline.preprocess(t).length())).average().orElse(0);
        }
    }
}
