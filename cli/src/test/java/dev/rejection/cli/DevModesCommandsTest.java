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
    void modesNamesBadOptionsAndBadRows() throws Exception {
        Path data = Files.writeString(dir.resolve("d.jsonl"), "{\"text\": \"I can't help.\", \"label\": 1}\n"
                + "{\"text\": \"Paris.\", \"label\": 7}\n{bad\n{\"text\": \"Sure.\", \"label\": 0}\n");
        for (String[] option : new String[][] {{"--batch-size", "0"}, {"--batch-size", "-1"}, {"--limit", "-1"},
                {"--max-length", "0"}}) {
            CliRun run = CliRun.run("dev", "modes", "--data", data.toString(), "--lexical", option[0], option[1]);
            assertThat(run.exit()).as(option[0] + " " + option[1]).isEqualTo(2);
            assertThat(run.err()).contains(option[0] + " must be at least").doesNotContain("a bug");
        }
        CliRun unnamed = CliRun.run("dev", "modes", "--data", Files.copy(data, dir.resolve("d.data")).toString(),
                "--lexical");
        assertThat(unnamed.exit()).isEqualTo(2);
        assertThat(unnamed.err()).contains("unknown input format").doesNotContain("a bug");
        CliRun missing = CliRun.run("dev", "modes", "--data", dir.resolve("none.jsonl").toString(), "--lexical");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("none.jsonl: no such file");
        CliRun noModel = CliRun.run("dev", "modes", "--data", data.toString(), "--model",
                dir.resolve("nosuch").toString());
        assertThat(noModel.exit()).isEqualTo(2);
        assertThat(noModel.err()).contains("--model " + dir.resolve("nosuch")).doesNotContain("a bug");
    }

    @Test
    void longAnswersNeverWritesOverItsCorpusAndLeavesAnEarlierOutputOnAFailure() throws Exception {
        Path shared = Files.createDirectories(dir.resolve("shared/refusals"));
        Files.writeString(shared.resolve("chatgpt_refusals.jsonl"), "{\"text\": \"Paris.\", \"label\": 0}\n");
        Path corpus = Files.writeString(dir.resolve("corpus.jsonl"),
                "{\"text\": \"Paris is in France.\", \"label\": 0, \"split\": \"dev\"}\n");
        Path tokenizer = StandIns.tiny().resolve("tokenizer.json");
        CliRun over = CliRun.run("dev", "long-answers", "--out", corpus.toString(), "--corpus", corpus.toString(),
                "--shared", dir.resolve("shared").toString(), "--tokenizer", tokenizer.toString());
        assertThat(over.exit()).isEqualTo(2);
        assertThat(over.err()).contains("--out " + corpus + " is the input");

        Path earlier = Files.writeString(dir.resolve("long.jsonl"), "PRECIOUS\n");
        CliRun none = CliRun.run("dev", "long-answers", "--out", earlier.toString(), "--corpus", corpus.toString(),
                "--shared", dir.resolve("shared").toString(), "--tokenizer", tokenizer.toString());
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains("0 short refusals").doesNotContain("a bug");
        assertThat(Files.readString(earlier)).isEqualTo("PRECIOUS\n");

        CliRun notTokenizer = CliRun.run("dev", "long-answers", "--out", earlier.toString(), "--corpus",
                corpus.toString(), "--shared", dir.resolve("shared").toString(), "--tokenizer", corpus.toString());
        assertThat(notTokenizer.exit()).isEqualTo(2);
        assertThat(notTokenizer.err()).contains("--tokenizer " + corpus).doesNotContain("a bug");
    }

    @Test
    void missingInputsAreNamed() {
        CliRun run = CliRun.run("dev", "long-answers", "--out", dir.resolve("x.jsonl").toString(), "--corpus",
                dir.resolve("none.jsonl").toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("not found: ", "none.jsonl");
    }
}
