package dev.rejection.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rejection.detect.lexical.LexicalDetector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Speed of the lexical detector: microseconds per text over real answers, single thread, after warm-up.
 * Not a test; run as a main:
 * {@code java -cp bench/target/benchmarks.jar dev.rejection.bench.LexicalBench
 * ../shared/data/refusals/gptfuzz_evaluate_weak.jsonl [seconds]}.
 */
public final class LexicalBench {
    private LexicalBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: LexicalBench FILE.jsonl [seconds per round]");
            System.exit(2);
        }
        ObjectMapper json = new ObjectMapper();
        List<String> texts = new ArrayList<>();
        long chars = 0;
        for (String line : Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                String text = json.readTree(line).path("text").asText();
                texts.add(text);
                chars += text.length();
            }
        }
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 3;
        long t0 = System.nanoTime();
        LexicalDetector detector = LexicalDetector.defaults();
        System.out.printf("load + compile %d phrases: %.1f ms%n", detector.phraseCount(), (System.nanoTime() - t0) / 1e6);
        System.out.printf("%d texts, mean %.0f chars%n", texts.size(), (double) chars / texts.size());
        double sink = 0;
        for (int round = 0; round < 5; round++) {
            long start = System.nanoTime();
            long n = 0;
            while (System.nanoTime() - start < seconds * 1e9) {
                for (String text : texts) {
                    sink += detector.score(text).score();
                }
                n += texts.size();
            }
            double micros = (System.nanoTime() - start) / 1e3 / n;
            System.out.printf("round %d: %.1f µs/text (%.0f texts/s, %.1f MB/s)%n", round, micros, 1e6 / micros,
                    chars / (double) texts.size() / micros);
        }
        System.out.println("(checksum " + sink + ")");
    }
}
