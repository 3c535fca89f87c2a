package dev.rejection.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rejection.testing.StandIns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bench's usage errors: each names its option, before anything is loaded or measured. */
class BenchCommandTest {

    private static CliRun bench(Path texts, String... more) {
        List<String> args = new ArrayList<>(List.of("bench", "--model", StandIns.tiny().toString(), "--texts",
                texts.toString(), "--skip-js", "--sets", "short", "--seconds", "0.1"));
        args.addAll(List.of(more));
        return CliRun.run(args.toArray(String[]::new));
    }

    @Test
    void badOptionsAndTextFilesAreNamed(@TempDir Path dir) throws Exception {
        Path texts = Files.writeString(dir.resolve("texts.jsonl"), "{\"text\": \"Sorry, I can't.\"}\n");
        String[][] cases = {
                {"--batch-sizes", "0", "--batch-sizes must all be at least 1, got [0]"},
                {"--texts-per-set", "-5", "--texts-per-set must be at least 1, got -5"},
                {"--warmup-seconds", "-1", "--warmup-seconds one at least 0"},
                {"--threads", "-1", "--threads must be 0 (every core) or more, got -1"},
        };
        for (String[] c : cases) {
            CliRun run = bench(texts, c[0], c[1]);
            assertThat(run.exit()).as(c[0]).isEqualTo(ExitCodes.USAGE);
            assertThat(run.err()).as(c[0]).contains(c[2]);
            assertThat(run.out()).as("nothing measured or announced").isEmpty();
        }
        CliRun missing = bench(dir.resolve("none.jsonl"));
        assertThat(missing.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err()).contains("--texts " + dir.resolve("none.jsonl") + ": no such file");
        CliRun folder = bench(dir);
        assertThat(folder.err()).contains("--texts " + dir + " is a folder");

        Path unnamed = Files.writeString(dir.resolve("texts.json"), "{\"text\": \"x\"}\n");
        CliRun format = bench(unnamed);
        assertThat(format.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(format.err()).contains("unknown input format").doesNotContain("a bug");

        CliRun tooFew = bench(texts, "--batch-sizes", "8");
        assertThat(tooFew.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(tooFew.err()).contains("only 0 texts of 12..20 tokens (short), need at least 8").doesNotContain("a bug");

        Path bad = Files.writeString(dir.resolve("bad.jsonl"), "{\"text\": \"fine\"}\n{\"txt\": 1}\n");
        CliRun skipped = bench(bad, "--batch-sizes", "8");
        assertThat(skipped.err()).contains("bench: 1 records of " + bad + " could not be read and are left out");
    }
}
