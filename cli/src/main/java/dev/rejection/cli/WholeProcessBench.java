package dev.rejection.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.rejection.io.TextRecord;
import dev.rejection.io.TextRecords;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Whole runs, timed from outside as a user times them: JVM or Node.js start, model load and every text scored,
 * for our {@code classify --input} and transformers.js's pipeline ({@code classify.mjs run}: the pipeline as
 * shipped, one text per call), on the same ONNX file and the first N texts of a file. Runs alternate (ours,
 * theirs, ours, ...) after one untimed pair, so that both meet the same machine; a figure is the median of its
 * runs, and the speed-up the median of the pairs' ratios.
 *
 * <p>The ONNX files are those transformers.js can load from a model folder: {@code onnx/model.onnx} (its
 * {@code dtype: 'fp32'}) and {@code onnx/model_quantized.onnx} ({@code 'q8'}). Ours runs on this JVM with this
 * JVM's flags (the launcher's class-data-sharing archive among them) and this class path.
 */
final class WholeProcessBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An ONNX file both implementations load, and transformers.js's name for its precision. */
    record ModelFile(String path, String dtype) {
    }

    /** The measured runs of one implementation on one model file and text count. */
    record Runs(ModelFile file, int texts, String implementation, double[] wallSeconds) {
        double median() {
            return BenchCommand.median(wallSeconds);
        }
    }

    /** A process the bench ran failed or left texts unscored: the bench stops, saying which and why. */
    static final class PeerFailed extends RuntimeException {
        PeerFailed(String message) {
            super(message);
        }
    }

    private final Path modelDir;
    private final Path textsFile;
    private final String textField;
    private final int runs;
    private final String node;
    private final Path referenceJs;
    private final Path transformers;
    private final int jsThreads;
    private final boolean skipJs;
    private final PrintWriter out;

    /**
     * @param transformers the folder whose {@code node_modules} holds the transformers.js to run
     * @param jsThreads    transformers.js's intra-op threads; 0 for ONNX Runtime's default
     */
    WholeProcessBench(Path modelDir, Path textsFile, String textField, int runs, String node, Path referenceJs,
                      Path transformers, int jsThreads, boolean skipJs, PrintWriter out) {
        this.modelDir = modelDir.toAbsolutePath();
        this.textsFile = textsFile;
        this.textField = textField;
        this.runs = runs;
        this.node = node;
        this.referenceJs = referenceJs.toAbsolutePath();
        this.transformers = transformers.toAbsolutePath();
        this.jsThreads = jsThreads;
        this.skipJs = skipJs;
        this.out = out;
    }

    /** The ONNX files of the model folder that transformers.js can load, fp32 first. */
    static List<ModelFile> modelFiles(Path modelDir) {
        List<ModelFile> files = new ArrayList<>();
        for (ModelFile f : List.of(new ModelFile("onnx/model.onnx", "fp32"),
                new ModelFile("onnx/model_quantized.onnx", "q8"))) {
            if (Files.isRegularFile(modelDir.resolve(f.path()))) {
                files.add(f);
            }
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException(modelDir + " has neither onnx/model.onnx nor "
                    + "onnx/model_quantized.onnx, the files transformers.js loads (dtype fp32 and q8)");
        }
        return files;
    }

    /** The first {@code n} texts of the file, in order; an unreadable record stops the bench, naming its line. */
    static List<String> firstTexts(Path file, String field, int n) throws IOException {
        List<String> texts = new ArrayList<>(n);
        try (Stream<TextRecord> records = TextRecords.read(file, field)) {
            for (Iterator<TextRecord> it = records.iterator(); it.hasNext() && texts.size() < n; ) {
                TextRecord r = it.next();
                if (r.error() != null) {
                    throw new IllegalArgumentException(file + ":" + r.line() + ": " + r.error());
                }
                texts.add(r.text());
            }
        }
        if (texts.size() < n) {
            throw new IllegalArgumentException(file + " has " + texts.size() + " texts; --processes asks for " + n);
        }
        return texts;
    }

    /** Measures every model file at every text count, printing each figure as it is measured. */
    List<Runs> run(int[] counts) throws IOException, InterruptedException {
        List<ModelFile> files = modelFiles(modelDir);
        int most = Arrays.stream(counts).max().orElseThrow();
        List<String> texts = firstTexts(textsFile, textField, most);
        out.printf("%nwhole process, start-up included (%s: first N texts; %d runs each, alternating; medians)%n",
                textsFile, runs);
        out.printf("ours: %s; transformers.js %s on onnxruntime-node %s, %s threads, one text per call%n",
                System.getProperty("java.vm.version"), packageVersion("@huggingface/transformers"),
                packageVersion("onnxruntime-node"), jsThreads > 0 ? Integer.toString(jsThreads) : "default");
        out.printf("%-32s %6s %-16s %9s %9s %9s %9s %9s%n", "onnx file", "texts", "implementation", "wall s",
                "min", "max", "texts/s", "speed-up");
        List<Runs> all = new ArrayList<>();
        Path work = Files.createTempDirectory("rejection-bench-processes");
        try {
            for (ModelFile file : files) {
                for (int n : counts) {
                    Path input = BenchCommand.writeJsonl(texts.subList(0, n), work.resolve("texts-" + n + ".jsonl"));
                    all.addAll(measure(file, n, input, work));
                }
            }
        } finally {
            try (Stream<Path> left = Files.list(work)) {
                for (Path p : left.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(work);
        }
        out.flush();
        return all;
    }

    private List<Runs> measure(ModelFile file, int n, Path input, Path work) throws IOException, InterruptedException {
        Path oursResults = work.resolve("ours.jsonl");
        List<String> ours = oursCommand(file, input, oursResults);
        List<String> js = jsCommand(file, input);
        Path jsResults = work.resolve("stdout.txt"); // transformers.js prints its results
        double[] oursWall = new double[runs];
        double[] jsWall = new double[runs];
        for (int i = -1; i < runs; i++) { // run -1: untimed (page cache, the JIT's and Node's compile caches)
            double o = time(ours, oursResults, n, work);
            double j = skipJs ? 0 : time(js, jsResults, n, work);
            if (i >= 0) {
                oursWall[i] = o;
                jsWall[i] = j;
            }
        }
        Runs oursRuns = new Runs(file, n, "ours", oursWall);
        print(oursRuns, null);
        if (skipJs) {
            return List.of(oursRuns);
        }
        Runs jsRuns = new Runs(file, n, "transformers.js", jsWall);
        double[] ratios = new double[runs];
        for (int i = 0; i < runs; i++) {
            ratios[i] = jsWall[i] / oursWall[i];
        }
        print(jsRuns, BenchCommand.median(ratios));
        return List.of(oursRuns, jsRuns);
    }

    private void print(Runs r, Double speedUp) {
        out.printf("%-32s %6d %-16s %9.3f %9.3f %9.3f %9.1f %9s%n", r.file().path() + " (" + r.file().dtype() + ")",
                r.texts(), r.implementation(), r.median(), Arrays.stream(r.wallSeconds()).min().orElseThrow(),
                Arrays.stream(r.wallSeconds()).max().orElseThrow(),
                r.texts() / r.median(), speedUp == null ? "" : String.format("%.2fx", speedUp));
        out.flush();
    }

    /**
     * Runs one process to its end and checks that it exited well with one line per text in {@code results} (a file
     * it writes, or its stdout, {@code work/stdout.txt}); its wall time in seconds.
     */
    private static double time(List<String> command, Path results, int texts, Path work)
            throws IOException, InterruptedException {
        Path stdout = work.resolve("stdout.txt");
        Path stderr = work.resolve("stderr.txt");
        Files.deleteIfExists(results); // a run that fails must not be counted on the last one's results
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
                .start();
        int exit = process.waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        long lines = 0;
        if (Files.exists(results)) {
            try (Stream<String> l = Files.lines(results, StandardCharsets.UTF_8)) {
                lines = l.filter(s -> !s.isBlank()).count();
            }
        }
        if (exit != 0 || lines != texts) {
            String err = Files.readString(stderr, StandardCharsets.UTF_8).strip();
            throw new PeerFailed(String.join(" ", command) + " exited with " + exit + " after " + lines
                    + " of " + texts + " results" + (err.isEmpty() ? "" : ":\n" + tail(err)));
        }
        return seconds;
    }

    private static String tail(String text) {
        List<String> lines = text.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    }

    /** This JVM, its flags (less agents and recordings) and class path, running {@code classify}. */
    private List<String> oursCommand(ModelFile file, Path input, Path output) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!flag.startsWith("-agentlib") && !flag.startsWith("-javaagent") && !flag.startsWith("-agentpath")
                    && !flag.startsWith("-XX:StartFlightRecording")) {
                command.add(flag);
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "classify",
                "--model", modelDir.toString(), "--onnx-file", file.path(), "--input", input.toString(),
                "-o", output.toString()));
        return command;
    }

    private List<String> jsCommand(ModelFile file, Path input) {
        List<String> command = new ArrayList<>(List.of(node, referenceJs.resolve("classify.mjs").toString(), "run",
                "--model", modelDir.toString(), "--input", input.toString(), "--dtype", file.dtype(),
                "--transformers", transformers.toString()));
        if (jsThreads > 0) {
            command.addAll(List.of("--threads", Integer.toString(jsThreads)));
        }
        return command;
    }

    /** A package's version from its package.json under the transformers.js folder, or "?" when unreadable. */
    private String packageVersion(String name) {
        for (Path packageJson : List.of(transformers.resolve("node_modules").resolve(name).resolve("package.json"),
                transformers.resolve("node_modules/@huggingface/transformers/node_modules").resolve(name)
                        .resolve("package.json"))) {
            try {
                JsonNode version = JSON.readTree(packageJson.toFile()).get("version");
                if (version != null) {
                    return version.asText();
                }
            } catch (IOException e) {
                // try the next place; "?" when none has it
            }
        }
        return "?";
    }
}
