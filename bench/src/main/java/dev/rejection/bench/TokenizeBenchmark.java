package dev.rejection.bench;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rejection.tokenizer.Tokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Tokenization throughput in texts per second, one thread: our roberta-base tokenizer against Hugging Face's Rust
 * tokenizers (through DJL), both encoding every text of the refusals corpus with special tokens and without
 * truncation or padding. One operation is one text.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.offline=true"})
@Threads(1)
@State(Scope.Benchmark)
public class TokenizeBenchmark {
    /** Texts per invocation; keep in step with {@link OperationsPerInvocation}. */
    static final int TEXTS = 9_406;

    private List<String> texts;
    private Tokenizer ours;
    private HuggingFaceTokenizer djl;

    @Setup(Level.Trial)
    public void load() throws IOException {
        Path data = sharedData();
        texts = corpus(data.resolve("refusals"));
        if (texts.size() != TEXTS) {
            throw new IllegalStateException("expected " + TEXTS + " refusals texts, found " + texts.size()
                    + "; update TokenizeBenchmark.TEXTS and @OperationsPerInvocation");
        }
        Path json = data.resolve("roberta-base/tokenizer.json");
        ours = Tokenizer.fromFile(json);
        djl = HuggingFaceTokenizer.newInstance(json, Map.of("truncation", "false", "padding", "false"));
    }

    @TearDown(Level.Trial)
    public void close() {
        djl.close();
    }

    @Benchmark
    @OperationsPerInvocation(TEXTS)
    public long ours() {
        long sum = 0;
        for (String t : texts) sum += ours.encode(t).length();
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(TEXTS)
    public long djl() {
        long sum = 0;
        for (String t : texts) sum += djl.encode(t, true, false).getIds().length;
        return sum;
    }

    /** ../shared/data by the {@code shared.dir} property, else beside the working directory or its parent. */
    static Path sharedData() {
        String property = System.getProperty("shared.dir");
        List<Path> candidates = property != null ? List.of(Path.of(property))
                : List.of(Path.of("../shared"), Path.of("../../shared"));
        for (Path p : candidates) {
            if (Files.isDirectory(p.resolve("data/refusals"))) return p.resolve("data");
        }
        throw new IllegalStateException("reference data not found in " + candidates
                + "; run from the repo root beside ../shared or pass -Dshared.dir=PATH");
    }

    static List<String> corpus(Path dir) {
        ObjectMapper mapper = new ObjectMapper();
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    if (line.isBlank()) continue;
                    JsonNode text = mapper.readTree(line).get("text");
                    if (text != null && text.isTextual()) out.add(text.asText());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
