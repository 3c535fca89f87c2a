package dev.rejection.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * The texts the parity tests run: a fixed, length-stratified choice from {@code ../shared/data/refusals}, so that
 * short, medium, long and over-long (truncated) answers are all covered while the whole run stays affordable on
 * two cores (the full-size stand-in costs ~86 MFLOP per token).
 */
final class ParityTexts {
    /** One chosen text, with where it came from and how many tokens it has before truncation. */
    record Text(String source, String text, int tokens) {
    }

    /** How many texts to take from each token-count band (special tokens included; upper bounds inclusive). */
    record Band(int minTokens, int maxTokens, int count) {
    }

    static final List<String> FILES =
            List.of("chatgpt_refusals.jsonl", "gptfuzz_evaluate_weak.jsonl", "gptfuzz_train_weak.jsonl");

    /**
     * 2,000 texts, 111,195 tokens after truncation: mostly short and medium, 120 long, 30 over the 512-token limit.
     * Sized for CI (2 cores): the full-size stand-in costs ~86 MFLOP per token, so one pass over these texts is
     * ~9.8 TFLOP, ~70 s at the ~140 GFLOP/s two cores reach; four passes (ours and transformers.js, batch 1 and
     * 32) keep the whole reference module within about 6 minutes. The 30 over-long texts cover truncation at
     * both batch sizes (sorted by length, they fill the last batches of 32).
     */
    static List<Band> defaultBands(int maxLength) {
        return List.of(new Band(1, 32, 1_300), new Band(33, 128, 550), new Band(129, maxLength, 120),
                new Band(maxLength + 1, Integer.MAX_VALUE, 30));
    }

    /**
     * Characters that transformers.js's tokenizer treats differently from Hugging Face's Rust tokenizers (the
     * authority): JavaScript's {@code \s} matches U+FEFF (byte order mark), which is not Unicode White_Space, and
     * does not match U+0085 (next line), which is. A text containing one splits into different pre-tokens there.
     */
    static boolean jsWhitespaceDiffers(String text) {
        return text.indexOf('\uFEFF') >= 0 || text.indexOf('\u0085') >= 0;
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private ParityTexts() {
    }

    /** Every text of the refusals files, in file then line order. */
    static List<Text> readAll(Path refusalsDir, ToIntFunction<String> tokenCount) {
        List<Text> all = new ArrayList<>();
        for (String file : FILES) {
            Path path = refusalsDir.resolve(file);
            List<String> lines;
            try {
                lines = Files.readAllLines(path, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path, e);
            }
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).isBlank()) {
                    continue;
                }
                JsonNode text;
                try {
                    text = JSON.readTree(lines.get(i)).get("text");
                } catch (IOException e) {
                    throw new IllegalArgumentException(path + ":" + (i + 1) + ": not valid JSON: " + e.getMessage(), e);
                }
                if (text == null || !text.isTextual()) {
                    throw new IllegalArgumentException(path + ":" + (i + 1) + ": field 'text' missing or not a string");
                }
                all.add(new Text(file + ":" + (i + 1), text.asText(), tokenCount.applyAsInt(text.asText())));
            }
        }
        return all;
    }

    /**
     * Takes {@code count} texts from each band, evenly spaced over the band's texts in file order (so every file
     * and every length within the band is represented), and returns them sorted by token count: batches of the
     * same size then hold texts of similar length in both implementations, which keeps padding waste low.
     */
    static List<Text> choose(List<Text> candidates, List<Band> bands) {
        List<Text> chosen = new ArrayList<>();
        for (Band band : bands) {
            List<Text> inBand = candidates.stream()
                    .filter(t -> t.tokens() >= band.minTokens() && t.tokens() <= band.maxTokens())
                    .toList();
            if (inBand.size() < band.count()) {
                throw new IllegalStateException("only " + inBand.size() + " texts of " + band.minTokens() + ".."
                        + band.maxTokens() + " tokens, " + band.count() + " wanted");
            }
            for (int i = 0; i < band.count(); i++) {
                chosen.add(inBand.get((int) ((long) i * inBand.size() / band.count())));
            }
        }
        chosen.sort(Comparator.comparingInt(Text::tokens));
        return chosen;
    }

    /** Writes texts as JSONL ({@code text}, {@code source}) for the reference script. */
    static void writeJsonl(List<Text> texts, Path file) {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Text t : texts) {
                out.write(JSON.writeValueAsString(Map.of("text", t.text(), "source", t.source())));
                out.newLine();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
