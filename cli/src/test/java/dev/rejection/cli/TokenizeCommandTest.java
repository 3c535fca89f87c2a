package dev.rejection.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rejection.testing.StandIns;
import dev.rejection.tokenizer.Encoding;
import dev.rejection.tokenizer.Tokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rejection tokenize} end to end on roberta-base's tokenizer. */
class TokenizeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static void assertEncoding(JsonNode entry, Encoding expected) {
        assertThat(entry.get("ids")).hasSize(expected.length());
        for (int i = 0; i < expected.length(); i++) {
            assertThat(entry.get("ids").get(i).asInt()).isEqualTo(expected.ids()[i]);
            assertThat(entry.get("tokens").get(i).asText()).isEqualTo(expected.tokens()[i]);
            assertThat(entry.get("offsets").get(i).get(0).asInt()).isEqualTo(expected.start(i));
            assertThat(entry.get("offsets").get(i).get(1).asInt()).isEqualTo(expected.end(i));
        }
    }

    @Test
    void printsIdsTokensAndOffsetsPerText() throws IOException {
        Path tokenizerJson = StandIns.sharedData("tokenize on the roberta-base tokenizer").resolve("roberta-base/tokenizer.json");
        Tokenizer tokenizer = Tokenizer.fromFile(tokenizerJson);
        List<String> texts = List.of("Sorry, but I can't assist with that.", "héllo  wörld 😀");
        CliRun run = CliRun.run("tokenize", "--tokenizer", tokenizerJson.toString(), texts.get(0), texts.get(1));
        assertThat(run.exit()).as(run.err()).isZero();
        String[] lines = run.out().split("\n");
        assertThat(lines).hasSize(2);
        for (int i = 0; i < 2; i++) {
            JsonNode entry = JSON.readTree(lines[i]);
            assertThat(entry.get("line").asInt()).isEqualTo(i + 1);
            assertEncoding(entry, tokenizer.encode(texts.get(i)));
        }
        CliRun bare = CliRun.run("tokenize", "--tokenizer", tokenizerJson.toString(), "--no-special-tokens", "hi");
        assertEncoding(JSON.readTree(bare.out()), tokenizer.encode("hi", false));
    }

    @Test
    void readsAModelDirectoryAndFilesWithBadLines() throws IOException {
        Path model = StandIns.tiny();
        Tokenizer tokenizer = Tokenizer.fromDirectory(model);
        Path input = Files.writeString(dir.resolve("in.jsonl"), "{\"id\":\"x\",\"text\":\"Paris.\"}\n{\"text\":1}\n");
        CliRun run = CliRun.run("tokenize", "--model", model.toString(), "-i", input.toString());
        assertThat(run.exit()).isEqualTo(1);
        String[] lines = run.out().split("\n");
        JsonNode first = JSON.readTree(lines[0]);
        assertThat(first.get("id").asText()).isEqualTo("x");
        assertEncoding(first, tokenizer.encode("Paris."));
        assertThat(JSON.readTree(lines[1]).get("error").asText()).contains(":2: field \"text\" is number");
        assertThat(run.err()).contains(":2: field \"text\" is number");
    }

    @Test
    void needsExactlyOneTokenizerSource() {
        CliRun none = CliRun.run("tokenize", "hello");
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains("--model").contains("--tokenizer");
        CliRun missing = CliRun.run("tokenize", "--tokenizer", dir.resolve("nope.json").toString(), "x");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("tokenizer file not found: " + dir.resolve("nope.json"));
    }
}
