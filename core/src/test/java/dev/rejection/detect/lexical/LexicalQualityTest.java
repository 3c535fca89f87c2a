package dev.rejection.detect.lexical;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Measures the lexical detector on ../shared/data/refusals and prints precision, recall and F1 by file, by source
 * and on the non-ambiguous ChatGPT rows, plus how often the verdict is decisive and how often a decisive verdict is
 * right. Only a floor is asserted: the numbers are a measurement, not a target the phrases were fitted to.
 */
class LexicalQualityTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Counts of one evaluation slice. */
    private static final class Tally {
        int tp, fp, tn, fn, decisive, decisiveRight;

        void add(boolean label, LexicalVerdict verdict) {
            boolean predicted = verdict.rejection();
            if (predicted && label) {
                tp++;
            } else if (predicted) {
                fp++;
            } else if (label) {
                fn++;
            } else {
                tn++;
            }
            if (verdict.decisive()) {
                decisive++;
                if (predicted == label) {
                    decisiveRight++;
                }
            }
        }

        int n() {
            return tp + fp + tn + fn;
        }

        double precision() {
            return tp + fp == 0 ? 0 : (double) tp / (tp + fp);
        }

        double recall() {
            return tp + fn == 0 ? 0 : (double) tp / (tp + fn);
        }

        double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        String row(String name) {
            return String.format("%-40s n=%5d  P=%.3f  R=%.3f  F1=%.3f  acc=%.3f  decisive=%5.1f%% (right %5.1f%%)",
                    name, n(), precision(), recall(), f1(), (double) (tp + tn) / n(), 100.0 * decisive / n(),
                    decisive == 0 ? 0 : 100.0 * decisiveRight / decisive);
        }
    }

    @Test
    void measuredQualityOnSharedData() throws IOException {
        Path data = dev.rejection.testing.StandIns.sharedData("the lexical detector's measured quality")
                .resolve("refusals");
        LexicalDetector detector = LexicalDetector.defaults();
        Map<String, Tally> slices = new LinkedHashMap<>();
        List<Path> files = new ArrayList<>();
        try (var listing = Files.list(data)) {
            listing.filter(p -> p.toString().endsWith(".jsonl")).sorted().forEach(files::add);
        }
        for (Path file : files) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).isBlank()) {
                    continue;
                }
                JsonNode row = JSON.readTree(lines.get(i));
                JsonNode text = row.get("text");
                JsonNode label = row.get("label");
                assertThat(text != null && text.isTextual() && label != null && label.canConvertToInt())
                        .as("%s:%d has a string 'text' and an integer 'label'", file, i + 1).isTrue();
                boolean refusal = label.asInt() == 1;
                LexicalVerdict verdict = detector.score(text.asText());
                slices.computeIfAbsent("file " + file.getFileName(), k -> new Tally()).add(refusal, verdict);
                slices.computeIfAbsent("source " + row.path("source").asText("?"), k -> new Tally())
                        .add(refusal, verdict);
                slices.computeIfAbsent("all", k -> new Tally()).add(refusal, verdict);
                if (file.getFileName().toString().startsWith("chatgpt") && !row.path("ambiguous").asBoolean()) {
                    slices.computeIfAbsent("chatgpt non-ambiguous", k -> new Tally()).add(refusal, verdict);
                }
                if (file.getFileName().toString().startsWith("chatgpt")) {
                    slices.computeIfAbsent("chatgpt tone " + row.path("orig_label").asText("?"), k -> new Tally())
                            .add(refusal, verdict);
                }
            }
        }
        System.out.println("Lexical detector (" + detector.phraseCount() + " phrases, threshold "
                + detector.threshold() + ") on " + data);
        slices.forEach((name, tally) -> System.out.println(tally.row(name)));

        Tally clean = slices.get("chatgpt non-ambiguous");
        Assumptions.assumeTrue(clean != null, "no chatgpt_refusals.jsonl in " + data + "; floor not checked");
        // floors below the measured values (0.78 and 0.84 when written), to catch a regression of the phrase set
        assertThat(clean.f1()).as("F1 on the non-ambiguous ChatGPT rows").isGreaterThanOrEqualTo(0.75);
        assertThat(slices.get("all").f1()).as("F1 on all rows").isGreaterThanOrEqualTo(0.8);
    }
}
