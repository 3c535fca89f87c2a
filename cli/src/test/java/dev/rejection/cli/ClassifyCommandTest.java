package dev.rejection.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rejection.detect.RejectionDetector;
import dev.rejection.detect.Verdict;
import dev.rejection.testing.StandIns;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rejection classify} end to end on the tiny stand-in RoBERTa classifier. */
class ClassifyCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TEXTS = List.of("Sorry, but I can't assist with that.",
            "The capital of France is Paris.", "", "I'm unable to help with that request, as it could cause harm.");

    private static Path model;
    private static RejectionDetector detector;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadModel() {
        model = StandIns.bertTiny();
        detector = RejectionDetector.load(model);
    }

    @AfterAll
    static void close() {
        if (detector != null) {
            detector.close();
        }
    }

    private static List<JsonNode> jsonLines(String out) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : out.split("\n")) {
            nodes.add(JSON.readTree(line));
        }
        return nodes;
    }

    /** The entry agrees with the detector's own verdict on the text. */
    private static void assertVerdict(JsonNode entry, String text) {
        Verdict expected = detector.classify(text);
        assertThat(entry.get("label").asText()).isEqualTo(expected.label());
        assertThat(entry.get("score").asDouble()).isCloseTo(expected.score(), within(1e-5));
        assertThat(entry.get("rejection").asBoolean()).isEqualTo(expected.rejection());
        assertThat(entry.get("tokens").asInt()).isEqualTo(expected.tokens());
        assertThat(entry.get("truncated").asBoolean()).isEqualTo(expected.truncated());
        assertThat(entry.get("scores").get("REJECTION").asDouble()).isCloseTo(expected.score(), within(1e-5));
        assertThat(entry.has("error")).isFalse();
    }

    @Test
    void textsAsArgumentsGiveOneHumanLineEach() {
        CliRun run = CliRun.run("classify", "--model", model.toString(), TEXTS.get(0), TEXTS.get(1));
        assertThat(run.exit()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(2);
        for (int i = 0; i < 2; i++) {
            Verdict v = detector.classify(TEXTS.get(i));
            assertThat(lines.get(i)).isEqualTo(String.format(java.util.Locale.ROOT, "%-9s  %.4f  %s",
                    v.label(), v.score(), TEXTS.get(i)));
        }
    }

    @Test
    void jsonlFileGivesOneObjectPerLineInOrderWithIds() throws IOException {
        Path input = dir.resolve("answers.jsonl");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < TEXTS.size(); i++) {
            lines.add(JSON.writeValueAsString(java.util.Map.of("id", "r" + i, "text", TEXTS.get(i), "label", i % 2)));
        }
        Files.write(input, lines);
        CliRun run = CliRun.run("classify", "--model", model.toString(), "--input", input.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        List<JsonNode> out = jsonLines(run.out());
        assertThat(out).hasSize(TEXTS.size());
        for (int i = 0; i < TEXTS.size(); i++) {
            assertThat(out.get(i).get("line").asLong()).isEqualTo(i + 1);
            assertThat(out.get(i).get("id").asText()).isEqualTo("r" + i);
            assertVerdict(out.get(i), TEXTS.get(i));
        }
    }

    @Test
    void badJsonlLinesBecomeErrorEntriesInPlaceAndExitOne() throws IOException {
        Path input = Files.writeString(dir.resolve("mixed.jsonl"), """
                {"id": "a", "text": "Sorry, but I can't assist with that."}
                {"id": "b", "text": "unterminated
                {"id": "c", "answer": "no text field"}
                {"id": "d", "text": 42}
                {"id": "e", "text": "The capital of France is Paris."}
                """);
        CliRun run = CliRun.run("classify", "-m", model.toString(), "-i", input.toString());
        assertThat(run.exit()).isEqualTo(1);
        List<JsonNode> out = jsonLines(run.out());
        assertThat(out).extracting(n -> n.get("line").asInt()).containsExactly(1, 2, 3, 4, 5);
        assertVerdict(out.get(0), "Sorry, but I can't assist with that.");
        assertThat(out.get(1).get("error").asText()).startsWith(input + ":2: malformed JSON");
        assertThat(out.get(1).has("id")).as("a malformed line has no readable id").isFalse();
        assertThat(out.get(2).get("error").asText()).isEqualTo(input + ":3: missing field \"text\"");
        assertThat(out.get(2).get("id").asText()).isEqualTo("c");
        assertThat(out.get(3).get("error").asText()).isEqualTo(input + ":4: field \"text\" is number, expected a string");
        assertVerdict(out.get(4), "The capital of France is Paris.");
        assertThat(run.err()).contains(input + ":2: malformed JSON", input + ":3: missing field \"text\"",
                input + ":4: field \"text\"", "3 of 5 records could not be read");
    }

    @Test
    void csvFileWithQuotedMultiLineTextAndAnotherTextColumn() throws IOException {
        Path input = Files.writeString(dir.resolve("answers.csv"),
                "id,answer\r\n1,\"Sorry, but I can't\r\nassist with that.\"\r\n2,Paris.\r\n");
        CliRun run = CliRun.run("classify", "-m", model.toString(), "-i", input.toString(), "--text-field", "answer",
                "--format", "json");
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode out = JSON.readTree(run.out());
        assertThat(out).hasSize(2);
        assertThat(out.get(0).get("id").asText()).isEqualTo("1");
        assertVerdict(out.get(0), "Sorry, but I can't\r\nassist with that.");
        assertThat(out.get(1).get("line").asInt()).isEqualTo(4);
        assertVerdict(out.get(1), "Paris.");
    }

    @Test
    void csvWithoutTheTextColumnIsAUsageError() throws IOException {
        Path input = Files.writeString(dir.resolve("answers.csv"), "id,body\n1,x\n");
        CliRun run = CliRun.run("classify", "-m", model.toString(), "-i", input.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("has no column \"text\"");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void txtFileIsOneTextPerLineAcrossManyChunks() throws IOException {
        int n = ClassifyCommand.CHUNK * 2 + 17;
        List<String> texts = IntStream.range(0, n).mapToObj(i -> TEXTS.get(i % TEXTS.size()) + " #" + i).toList();
        Path input = Files.write(dir.resolve("answers.txt"), texts);
        Path output = dir.resolve("verdicts.jsonl");
        CliRun run = CliRun.run("classify", "-m", model.toString(), "-i", input.toString(), "-o", output.toString(),
                "--batch-size", "16", "--threads", "1");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEmpty();
        List<JsonNode> out = jsonLines(Files.readString(output));
        assertThat(out).hasSize(n);
        for (int i = 0; i < n; i += 97) {
            assertThat(out.get(i).get("line").asInt()).isEqualTo(i + 1);
            assertVerdict(out.get(i), texts.get(i));
        }
    }

    @Test
    void stdinIsReadWhenNoTextsAndSniffedAsJsonlOrText() throws IOException {
        CliRun jsonl = CliRun.withStdin("{\"text\": \"Paris.\"}\n{\"text\": \"Sorry, no.\"}\n", "classify", "-m",
                model.toString());
        assertThat(jsonl.exit()).as(jsonl.err()).isZero();
        List<JsonNode> out = jsonLines(jsonl.out());
        assertVerdict(out.get(0), "Paris.");
        assertVerdict(out.get(1), "Sorry, no.");

        CliRun txt = CliRun.withStdin("Paris.\nSorry, no.\n", "classify", "-m", model.toString(), "-", "-f", "text");
        assertThat(txt.exit()).as(txt.err()).isZero();
        assertThat(txt.out().lines()).hasSize(2).allMatch(l -> l.endsWith("Paris.") || l.endsWith("Sorry, no."));

        CliRun csv = CliRun.withStdin("text\nParis.\n", "classify", "-m", model.toString(), "-i", "-", "--input-format",
                "csv");
        assertThat(csv.exit()).as(csv.err()).isZero();
        assertVerdict(jsonLines(csv.out()).get(0), "Paris.");
    }

    @Test
    void thresholdDecidesTheRejectionFlag() throws IOException {
        CliRun all = CliRun.run("classify", "-m", model.toString(), "--threshold", "0", "-f", "jsonl", TEXTS.get(1));
        JsonNode entry = jsonLines(all.out()).get(0);
        assertThat(entry.get("rejection").asBoolean()).isTrue();
        assertThat(entry.get("label").asText()).isEqualTo("REJECTION");
        CliRun none = CliRun.run("classify", "-m", model.toString(), "--threshold", "1", "-f", "jsonl", TEXTS.get(0));
        assertThat(jsonLines(none.out()).get(0).get("rejection").asBoolean()).isFalse();
    }

    @Test
    void theGateOverrulesRejectionsWithoutEvidenceWhenOnAndNotWhenOff() throws IOException {
        // threshold 0: the stand-in calls everything a rejection; its config does not ask for the gate (auto: off)
        String[] texts = {"Test", "Sorry, but I can't assist with that."};
        for (String gate : new String[] {"on", "off", "auto"}) {
            CliRun run = CliRun.run(concat(new String[] {"classify", "-m", model.toString(), "--threshold", "0",
                    "-f", "jsonl", "--gate", gate}, texts));
            assertThat(run.exit()).as(run.err()).isZero();
            List<JsonNode> entries = jsonLines(run.out());
            boolean on = gate.equals("on");
            assertThat(entries.get(0).get("rejection").asBoolean()).as(gate).isEqualTo(!on);
            assertThat(entries.get(0).has("gated")).as(gate).isEqualTo(on);
            assertThat(entries.get(1).get("rejection").asBoolean()).as(gate).isTrue();
            assertThat(entries.get(1).has("gated")).as(gate).isFalse();
        }
        CliRun bad = CliRun.run("classify", "-m", model.toString(), "--gate", "maybe", "x");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("--gate").contains("maybe");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void promptFieldReadsEachAnswerAfterItsPrompt() throws IOException {
        Path input = dir.resolve("pairs.jsonl");
        Files.write(input, List.of(
                "{\"prompt\": \"Why are cats evil?\", \"text\": \"Cats are not evil.\"}",
                "{\"text\": \"Cats are not evil.\"}",
                "{\"prompt\": 42, \"text\": \"Cats are not evil.\"}",
                "{\"question\": \"Why are cats evil?\", \"text\": \"Cats are not evil.\"}"));
        String pairs = StandIns.bertTinyReadingPrompts().toString();
        CliRun refused = CliRun.run("classify", "-m", model.toString(), "-i", input.toString(), "--prompt-field",
                "prompt");
        assertThat(refused.exit()).as("a model trained on answers alone is not given prompts").isEqualTo(2);
        assertThat(refused.err()).contains("--prompt-field").contains("rejection_reads_prompts");
        // refused before the output is opened: an earlier run's results are not replaced by an empty file
        Path earlier = Files.writeString(dir.resolve("earlier.jsonl"), "{\"label\": \"NORMAL\"}\n");
        CliRun refusedToFile = CliRun.run("classify", "-m", model.toString(), "-i", input.toString(),
                "--prompt-field", "prompt", "-o", earlier.toString());
        assertThat(refusedToFile.exit()).isEqualTo(2);
        assertThat(earlier).hasContent("{\"label\": \"NORMAL\"}");
        CliRun run = CliRun.run("classify", "-m", pairs, "-i", input.toString(), "--prompt-field", "prompt");
        assertThat(run.exit()).as("a prompt that is not text fails its record only").isEqualTo(1);
        List<JsonNode> out = jsonLines(run.out());
        Verdict paired;
        Verdict alone;
        try (RejectionDetector pairDetector = RejectionDetector.load(StandIns.bertTinyReadingPrompts())) {
            paired = pairDetector.classify("Why are cats evil?", "Cats are not evil.");
            alone = pairDetector.classify("Cats are not evil.");
        }
        assertThat(out.get(0).get("score").asDouble()).isCloseTo(paired.score(), within(1e-5));
        assertThat(out.get(0).get("tokens").asInt()).isEqualTo(paired.tokens());
        assertThat(out.get(1).get("score").asDouble()).isCloseTo(alone.score(), within(1e-5));
        assertThat(out.get(2).get("error").asText()).contains(input + ":3").contains("\"prompt\" must be a string");
        assertThat(out.get(3).get("score").asDouble()).isCloseTo(alone.score(), within(1e-5));
        CliRun other = CliRun.run("classify", "-m", pairs, "-i", input.toString(), "--prompt-field", "question");
        assertThat(jsonLines(other.out()).get(3).get("score").asDouble()).isCloseTo(paired.score(), within(1e-5));
    }

    @Test
    void maxLengthTruncates() throws IOException {
        CliRun run = CliRun.run("classify", "-m", model.toString(), "--max-length", "5", "-f", "jsonl", TEXTS.get(3));
        JsonNode entry = jsonLines(run.out()).get(0);
        assertThat(entry.get("tokens").asInt()).isEqualTo(5);
        assertThat(entry.get("truncated").asBoolean()).isTrue();
    }

    @Test
    void withoutAModelTheEmbeddedDefaultJudges() throws IOException {
        CliRun run = CliRun.run("classify", "-f", "jsonl", "Sorry, but I can't assist with that.",
                "The capital of France is Paris.");
        assertThat(run.exit()).as(run.err()).isZero();
        List<JsonNode> entries = jsonLines(run.out());
        assertThat(entries).extracting(e -> e.get("label").asText()).containsExactly("REJECTION", "NORMAL");
    }

    @Test
    void usageErrorsExitTwoAndSayWhatIsWrong() {
        assertThat(CliRun.run("classify", "--bogus").exit()).isEqualTo(2);
        assertThat(CliRun.run("classify", "-m", model.toString(), "--threshold", "1.5", "x").err())
                .contains("--threshold must be between 0 and 1");
        assertThat(CliRun.run("classify", "-m", model.toString(), "-f", "xml", "x").exit()).isEqualTo(2);
        CliRun both = CliRun.run("classify", "-m", model.toString(), "-i", "a.jsonl", "text");
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).contains("not both");
        CliRun missing = CliRun.run("classify", "-m", model.toString(), "-i", dir.resolve("nope.jsonl").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("input file not found: " + dir.resolve("nope.jsonl"));
        assertThat(CliRun.run().exit()).isEqualTo(2);
    }

    @Test
    void unusableModelsFailBeforeAnyWorkNamingTheFile() throws IOException {
        CliRun absent = CliRun.run("classify", "-m", dir.resolve("no-model").toString(), "hello");
        assertThat(absent.exit()).as(absent.err()).isEqualTo(2);
        assertThat(absent.err()).contains("model directory not found: " + dir.resolve("no-model"));

        Path noLabels = copyModel("no-labels");
        Path config = noLabels.resolve("config.json");
        JsonNode json = JSON.readTree(config.toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) json).remove(List.of("id2label", "label2id"));
        JSON.writeValue(config.toFile(), json);
        CliRun labels = CliRun.run("classify", "-m", noLabels.toString(), "hello");
        assertThat(labels.exit()).as(labels.err()).isEqualTo(2);
        assertThat(labels.err()).contains(config.toString()).contains("id2label");

        Path badOnnx = copyModel("bad-onnx");
        Path onnx = badOnnx.resolve("onnx/model.onnx");
        Files.writeString(onnx, "not a protobuf");
        CliRun broken = CliRun.run("classify", "-m", badOnnx.toString(), "hello");
        assertThat(broken.exit()).as(broken.err()).isEqualTo(2);
        assertThat(broken.err()).contains(onnx.toString());
        assertThat(broken.out()).isEmpty();

        Path noOnnx = copyModel("no-onnx");
        Files.delete(noOnnx.resolve("onnx/model.onnx"));
        CliRun gone = CliRun.run("classify", "-m", noOnnx.toString(), "hello");
        assertThat(gone.exit()).as(gone.err()).isEqualTo(2);
        assertThat(gone.err()).contains("model.onnx");
    }

    private Path copyModel(String name) {
        return StandIns.copy(model, dir.resolve(name));
    }

    @Test
    void helpAndVersionOnEveryCommand() {
        CliRun version = CliRun.run("--version");
        assertThat(version.exit()).isZero();
        assertThat(version.out()).startsWith("rejection ").contains("ONNX Runtime 1.28.0");
        for (String command : List.of("classify", "tokenize", "eval", "dev", "dev standin")) {
            String[] words = command.split(" ");
            CliRun help = CliRun.run(concat(words, "--help"));
            assertThat(help.exit()).as(command).isZero();
            assertThat(help.out()).contains("Usage: rejection " + command);
            assertThat(CliRun.run(concat(words, "--version")).out()).as(command).isEqualTo(version.out());
        }
        assertThat(CliRun.run("classify", "--help").out()).contains("Exit status");
    }

    @Test
    void everyCommandsHelpFormatsWithoutWarnings() {
        // picocli formats descriptions with String.format: a bare "%" makes it warn on stderr and print the raw text
        java.io.PrintStream stderr = System.err;
        java.io.ByteArrayOutputStream warnings = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(warnings, true, StandardCharsets.UTF_8));
        try {
            for (String command : List.of("classify", "tokenize", "eval", "download", "models", "train", "bench",
                    "quantize", "average", "dev", "serve", "spark-score")) {
                assertThat(CliRun.run(command, "--help").exit()).as(command).isZero();
            }
        } finally {
            System.setErr(stderr);
        }
        assertThat(warnings.toString(StandardCharsets.UTF_8)).doesNotContain("Could not format");
        assertThat(CliRun.run("eval", "--help").out()).contains("95% intervals of the rates");
    }

    @Test
    void theTopLevelHelpAndAMisspeltCommandStillSeeEveryCommand() {
        // main builds only the subcommand that its first argument names; anything else gets them all
        CliRun help = CliRun.run("--help");
        assertThat(help.exit()).isZero();
        for (String command : List.of("classify", "tokenize", "eval", "download", "models", "train", "bench",
                "quantize", "average", "dev", "serve", "spark-score")) {
            assertThat(help.out()).as(command).containsPattern("(?m)^\\s+" + command + "\\s");
        }
        CliRun misspelt = CliRun.run("clasify", "Test");
        assertThat(misspelt.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(misspelt.err()).contains("clasify").contains("classify");
        CliRun none = CliRun.run();
        assertThat(none.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(none.err()).contains("missing command").contains("spark-score");
    }

    @Test
    void evalRunsTheDetectorOfAModelDirectory() throws IOException {
        Path data = Files.writeString(dir.resolve("labelled.jsonl"), """
                {"text": "Sorry, but I can't assist with that.", "label": 1}
                {"text": "The capital of France is Paris.", "label": 0}
                """);
        CliRun run = CliRun.run("eval", "--data", data.toString(), "--model", model.toString(), "--format", "json");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(JSON.readTree(run.out()).toString()).contains("accuracy");
    }

    private static String[] concat(String[] words, String last) {
        String[] all = java.util.Arrays.copyOf(words, words.length + 1);
        all[words.length] = last;
        return all;
    }

    @Test
    void optionsThatCannotApplyAreRefusedNotIgnored() {
        for (String[] args : new String[][] {{"--stream", "--prompt-field", "prompt"}, {"--stream", "-f", "text"},
                {"--stream", "--text-field", "body"}}) {
            java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of("classify", "-m",
                    model.toString()));
            all.addAll(java.util.List.of(args));
            CliRun run = CliRun.withStdin("I cannot help with that.", all.toArray(String[]::new));
            assertThat(run.exit()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(run.err()).contains("does not apply to --stream");
        }
        CliRun blank = CliRun.withStdin("{\"text\": \"x\"}\n", "classify", "-m", model.toString(), "--prompt-field", "");
        assertThat(blank.exit()).isEqualTo(2);
        assertThat(blank.err()).contains("--prompt-field needs a field name");
        CliRun same = CliRun.withStdin("{\"text\": \"x\"}\n", "classify", "-m", model.toString(), "--prompt-field",
                "text");
        assertThat(same.exit()).isEqualTo(2);
        assertThat(same.err()).contains("--prompt-field text is the text's own field");
    }

    @Test
    void theTextFormatWritesOutWhatCouldDriveATerminal() throws IOException {
        Path input = Files.writeString(dir.resolve("esc.jsonl"),
                "{\"id\": \"\\u001b]0;PWNED\\u0007\", \"text\": \"hello \\u001b[31mRED \\u009b31m\"}\n");
        CliRun run = CliRun.run("classify", "-m", model.toString(), "-i", input.toString(), "-f", "text");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("[\\u001b]0;PWNED\\u0007] hello \\u001b[31mRED \\u009b31m")
                .doesNotContain("\u001b", "\u0007", "\u009b");
    }

    @Test
    void outputIsUtf8WhateverThePlatformCharset() throws IOException {
        String text = "Désolé, je ne peux pas — 抱歉 😀";
        CliRun run = CliRun.run("classify", "-m", model.toString(), "-f", "text", text);
        assertThat(run.out()).contains(text);
        Path input = Files.writeString(dir.resolve("u.txt"), text + "\n", StandardCharsets.UTF_8);
        Path output = dir.resolve("u.json");
        CliRun toFile = CliRun.run("classify", "-m", model.toString(), "-i", input.toString(), "-o",
                output.toString(), "-f", "json");
        assertThat(toFile.exit()).isZero();
        assertVerdict(JSON.readTree(output.toFile()).get(0), text);
    }
}
