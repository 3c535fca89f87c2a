package dev.rejection.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rejection.detect.mode.LlmGuard;
import dev.rejection.testing.StandIns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The match-mode options of {@code classify} and {@code eval}, end to end on the tiny stand-in model. */
class ModesCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path model;

    @TempDir
    Path dir;

    @BeforeAll
    static void standIn() {
        model = StandIns.bertTiny();
    }

    private static List<JsonNode> lines(String out) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : out.strip().split("\n")) {
            nodes.add(JSON.readTree(line));
        }
        return nodes;
    }

    @Test
    void sentenceModeNamesTheDecidingSentence() throws IOException {
        String text = "The capital of France is Paris. It has many museums.";
        CliRun run = CliRun.run("classify", "-m", model.toString(), "--mode", "sentence", "-f", "jsonl", text);
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode entry = lines(run.out()).get(0);
        JsonNode span = entry.get("span");
        assertThat(span.get("text").asText()).isIn("The capital of France is Paris.", "It has many museums.");
        assertThat(text.substring(span.get("start").asInt(), span.get("end").asInt()))
                .isEqualTo(span.get("text").asText());
        assertThat(entry.has("spans")).as("each span's score is the server's playground's, not classify's").isFalse();
    }

    @Test
    void windowModeCoversALongTextAndAcceptsAStride() throws IOException {
        String text = "Rivers carve valleys over many centuries. ".repeat(300);
        CliRun run = CliRun.run("classify", "-m", model.toString(), "--mode", "window", "--stride", "32", "-f",
                "jsonl", text);
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode entry = lines(run.out()).get(0);
        assertThat(entry.get("truncated").asBoolean()).isFalse();
        assertThat(entry.get("span").get("end").asInt()).isPositive();
    }

    @Test
    void deepModeReadsAShortTextAsFullDoesAndALongOneToItsEnd() throws IOException {
        String shortText = "The capital of France is Paris. It has many museums.";
        String longText = "Rivers carve valleys over many centuries. ".repeat(300);
        CliRun full = CliRun.run("classify", "-m", model.toString(), "-f", "jsonl", shortText, longText);
        CliRun deep = CliRun.run("classify", "-m", model.toString(), "--mode", "deep", "--stride", "32", "-f",
                "jsonl", shortText, longText);
        assertThat(deep.exit()).as(deep.err()).isZero();
        List<JsonNode> fullEntries = lines(full.out());
        List<JsonNode> deepEntries = lines(deep.out());
        // within the max length: full's verdict, span the whole text
        assertThat(deepEntries.get(0).get("score").asDouble()).isEqualTo(fullEntries.get(0).get("score").asDouble());
        assertThat(deepEntries.get(0).get("span").get("end").asInt()).isEqualTo(shortText.length());
        // past it: at least full's score (the highest of the full read and the windows after it), and full was cut
        assertThat(fullEntries.get(1).get("truncated").asBoolean()).isTrue();
        assertThat(deepEntries.get(1).get("score").asDouble())
                .isGreaterThanOrEqualTo(fullEntries.get(1).get("score").asDouble());
        assertThat(deepEntries.get(1).get("span").get("end").asInt()).isPositive();
    }

    @Test
    void llmGuardPresetAddsRiskAndValidAndTakesBlankOutputAsValid() throws IOException {
        Path input = Files.writeString(dir.resolve("in.jsonl"),
                "{\"text\": \"Sorry, I can't help with that.\"}\n{\"text\": \"   \"}\n");
        CliRun run = CliRun.run("classify", "-m", model.toString(), "--preset", "llm-guard", "-i", input.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        List<JsonNode> entries = lines(run.out());
        JsonNode first = entries.get(0);
        double score = first.get("score").asDouble();
        assertThat(first.get("valid").asBoolean()).isEqualTo(!(score > LlmGuard.THRESHOLD));
        assertThat(first.get("risk_score").asDouble()).isEqualTo(LlmGuard.riskScore(score, LlmGuard.THRESHOLD));
        assertThat(first.get("tokens").asInt()).isLessThanOrEqualTo(LlmGuard.MAX_LENGTH);
        assertThat(entries.get(1).get("valid").asBoolean()).isTrue();
        assertThat(entries.get(1).get("risk_score").asDouble()).isEqualTo(-1.0);
    }

    @Test
    void cascadeMarksTextsThatSkippedTheModel() throws IOException {
        CliRun run = CliRun.run("classify", "-m", model.toString(), "--cascade=rejection", "-f", "jsonl",
                "I'm sorry, but I can't help with that request.", "The capital of France is Paris.");
        assertThat(run.exit()).as(run.err()).isZero();
        List<JsonNode> entries = lines(run.out());
        assertThat(entries.get(0).get("model_skipped").asBoolean()).isTrue();
        assertThat(entries.get(0).get("rejection").asBoolean()).isTrue();
        assertThat(entries.get(1).get("model_skipped").asBoolean()).isFalse();
    }

    @Test
    void streamPrintsAnEarlyAndAFinalDecision() throws IOException {
        CliRun run = CliRun.withStdin("I'm sorry, but I can't help with that. Perhaps try a locksmith.\n",
                "classify", "-m", model.toString(), "--stream");
        assertThat(run.exit()).as(run.err()).isZero();
        List<JsonNode> events = lines(run.out());
        assertThat(events).extracting(e -> e.get("event").asText()).containsExactly("early", "final");
        assertThat(events.get(0).get("reason").asText()).isEqualTo("lexical");
        assertThat(events.get(0).get("rejection").asBoolean()).isTrue();
        assertThat(events.get(1).get("reason").asText()).isEqualTo("end");
    }

    @Test
    void badModeOptionsAreUsageErrors() {
        CliRun stride = CliRun.run("classify", "-m", model.toString(), "--stride", "8", "text");
        assertThat(stride.exit()).isEqualTo(2);
        assertThat(stride.err()).contains("a stride applies to window and deep mode only, not to full mode");
        CliRun mode = CliRun.run("classify", "-m", model.toString(), "--mode", "paragraph", "text");
        assertThat(mode.exit()).isEqualTo(2);
        assertThat(mode.err()).contains("full, sentence, window or deep");
        CliRun preset = CliRun.run("classify", "-m", model.toString(), "--preset", "nemo", "text");
        assertThat(preset.exit()).isEqualTo(2);
        assertThat(preset.err()).contains("unknown preset 'nemo': choose default or llm-guard");
        CliRun trust = CliRun.run("classify", "-m", model.toString(), "--cascade=sometimes", "text");
        assertThat(trust.exit()).isEqualTo(2);
        assertThat(trust.err()).contains("unknown decisive kind 'sometimes'");
        CliRun stream = CliRun.run("classify", "-m", model.toString(), "--stream", "text");
        assertThat(stream.exit()).isEqualTo(2);
        assertThat(stream.err()).contains("--stream reads stdin");
    }

    @Test
    void evalReadsInAModeAndSaysSo() throws IOException {
        Path data = Files.writeString(dir.resolve("dev.jsonl"),
                "{\"text\": \"Sorry, I can't help with that. Really.\", \"label\": 1}\n"
                        + "{\"text\": \"Paris is the capital of France.\", \"label\": 0}\n");
        CliRun run = CliRun.run("eval", "--data", data.toString(), "--model", model.toString(), "--mode", "sentence",
                "--cascade", "rejection");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("(mode sentence, lexical cascade trusting [REJECTION])", "f1");
        CliRun bad = CliRun.run("eval", "--data", data.toString(), "--model", model.toString(), "--stride", "8");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("a stride applies to window and deep mode only, not to full mode");
    }
}
