package dev.rejection.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rejection.testing.StandIns;
import dev.rejection.tokenizer.Tokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rejection dev long-answers} and {@code rejection dev modes} on the real dev data (needs ../shared). */
class DevModesCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void longAnswersHideARefusalAfterToken600AndTheModesTableReadsThem() throws IOException {
        Path shared = StandIns.sharedData("dev long-answers and dev modes on the dev data");
        Path corpus = Path.of("..", "data", "corpus", "team_corpus.jsonl");
        Path out = dir.resolve("long.jsonl");
        CliRun made = CliRun.run("dev", "long-answers", "--out", out.toString(), "--count", "4",
                "--shared", shared.toString(), "--corpus", corpus.toString());
        assertThat(made.exit()).as(made.err()).isZero();

        Tokenizer roberta = Tokenizer.fromFile(shared.resolve("roberta-base/tokenizer.json"))
                .withoutTruncation().withoutPadding();
        List<JsonNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(out)) {
            rows.add(JSON.readTree(line));
        }
        assertThat(rows).hasSize(8);
        for (JsonNode row : rows) {
            String text = row.get("text").asText();
            if (row.get("label").asInt() == 1) {
                assertThat(row.get("source").asText()).isEqualTo(LongAnswersCommand.DEEP);
                int start = row.get("refusal_start").asInt();
                assertThat(roberta.encode(text.substring(0, start), false).length()).isGreaterThan(600);
            } else {
                assertThat(row.get("source").asText()).isEqualTo(LongAnswersCommand.LONG_NORMAL);
                assertThat(roberta.encode(text, false).length()).isGreaterThan(600);
            }
        }

        CliRun table = CliRun.run("dev", "modes", "--data", out.toString(), "--lexical", "--tokenizer",
                shared.resolve("roberta-base/tokenizer.json").toString());
        assertThat(table.exit()).as(table.err()).isZero();
        assertThat(table.out()).contains("| full |", "| sentence |", "| window |", "(timed)");
    }

    @Test
    void missingInputsAreNamed() {
        CliRun run = CliRun.run("dev", "long-answers", "--out", dir.resolve("x.jsonl").toString(), "--corpus",
                dir.resolve("none.jsonl").toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("not found: ", "none.jsonl");
    }
}
