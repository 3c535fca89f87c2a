package dev.rejection.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rejection.testing.StandIns;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rejection bench --processes}: whole runs of our {@code classify} as child JVMs on a tiny stand-in, and a
 * fake Node.js in place of transformers.js (a script that answers one line per text, or fails), so that the
 * alternation, the checks on every run and the speed-up column are tested without transformers.js installed.
 */
class WholeProcessBenchTest {
    @TempDir
    Path dir;

    private Path texts(int n) throws IOException {
        StringBuilder jsonl = new StringBuilder();
        for (int i = 0; i < n; i++) {
            jsonl.append("{\"text\": \"Answer number ").append(i).append(": I'm sorry, but I can't help.\"}\n");
        }
        return Files.writeString(dir.resolve("texts.jsonl"), jsonl);
    }

    /** A stand-in for {@code node}: prints {@code lines} per input text (one is right), after what it printed. */
    private Path fakeNode(String name, int linesPerText, int exit, String stderr) throws IOException {
        // classify.mjs run --model DIR --input FILE ...: the input file is the argument after --input
        String script = "#!/bin/sh\n"
                + "while [ \"$1\" != \"--input\" ]; do shift; done\n"
                + "n=$(grep -c . \"$2\")\n"
                + "i=0; while [ $i -lt $((n * " + linesPerText + ")) ]; do printf 'NORMAL\\t0.9\\n'; i=$((i+1)); done\n"
                + (stderr.isEmpty() ? "" : "echo '" + stderr + "' >&2\n")
                + "exit " + exit + "\n";
        Path file = Files.writeString(dir.resolve(name), script, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    private Path referenceJs() throws IOException {
        Path js = Files.createDirectories(dir.resolve("js"));
        Files.writeString(js.resolve("classify.mjs"), "// not run: the fake node ignores it\n");
        return js;
    }

    @Test
    void timesOurWholeRunsBesideTheirsWithASpeedUpPerModelFileAndTextCount() throws IOException {
        Path model = StandIns.bertTiny(); // onnx/model.onnx only: one model file, fp32
        CliRun run = CliRun.run("bench", "--model", model.toString(), "--texts", texts(3).toString(),
                "--processes", "1,3", "--runs", "2", "--node", fakeNode("node", 1, 0, "").toString(),
                "--reference-js", referenceJs().toString());
        assertEquals(0, run.exit(), run.err());
        for (int n : List.of(1, 3)) {
            assertTrue(Pattern.compile("onnx/model\\.onnx \\(fp32\\)\\s+" + n + " ours\\s+\\d+\\.\\d{3}")
                    .matcher(run.out()).find(), run.out());
            assertTrue(Pattern.compile("onnx/model\\.onnx \\(fp32\\)\\s+" + n + " transformers\\.js\\s+\\d+\\.\\d{3}"
                    + ".*\\d+\\.\\d\\dx").matcher(run.out()).find(), run.out());
        }
        assertFalse(run.out().contains("model_quantized"), "no int8 file in the folder, so no q8 rows: " + run.out());
        assertTrue(run.out().contains("2 runs each"), run.out());
    }

    @Test
    void aRunThatDoesNotScoreEveryTextStopsTheBenchSayingWhichAndWhy() throws IOException {
        CliRun run = CliRun.run("bench", "--model", StandIns.bertTiny().toString(), "--texts", texts(2).toString(),
                "--processes", "2", "--runs", "1", "--node", fakeNode("node", 0, 3, "model not found").toString(),
                "--reference-js", referenceJs().toString());
        assertEquals(1, run.exit(), run.out());
        assertTrue(run.err().contains("exited with 3 after 0 of 2 results"), run.err());
        assertTrue(run.err().contains("model not found"), run.err());
        assertTrue(run.err().contains("classify.mjs run"), run.err());
    }

    @Test
    void aFailingTransformersJsInTheInProcessRowsStopsTheBenchWithoutATrace() throws IOException {
        CliRun run = CliRun.run("bench", "--model", StandIns.bertTiny().toString(), "--texts", texts(4).toString(),
                "--sets", "short", "--batch-sizes", "1", "--texts-per-set", "2", "--seconds", "0.05",
                "--warmup-seconds", "0", "--node", fakeNode("node", 0, 3, "").toString(),
                "--reference-js", referenceJs().toString());
        assertEquals(1, run.exit(), run.out());
        assertTrue(run.err().contains("transformers.js bench failed"), run.err());
        assertTrue(run.err().contains("--truncation js"), "the pipeline as shipped: " + run.err());
        assertFalse(run.err().contains("a bug"), run.err());
    }

    @Test
    void aModelFolderThatIsNotThereIsAUsageErrorNamingIt(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("no-such-model");
        CliRun run = CliRun.run("bench", "--model", missing.toString(), "--texts", texts(2).toString(),
                "--sets", "short", "--skip-js");
        assertEquals(ExitCodes.USAGE, run.exit(), run.err());
        assertTrue(run.err().contains("--model: model directory not found: " + missing), run.err());
        assertFalse(run.err().contains("a bug"), run.err());
    }

    @Test
    void asksForNoMoreTextsThanTheFileHasAndForAFolderTransformersJsCanLoad() throws IOException {
        Path file = texts(2);
        CliRun tooMany = CliRun.run("bench", "--model", StandIns.bertTiny().toString(), "--texts", file.toString(),
                "--processes", "1,5", "--skip-js");
        assertEquals(2, tooMany.exit(), tooMany.out());
        assertTrue(tooMany.err().contains(file + " has 2 texts; --processes asks for 5"), tooMany.err());

        Path flat = Files.createDirectories(dir.resolve("flat"));
        Files.copy(StandIns.bertTiny().resolve("onnx/model.onnx"), flat.resolve("model.onnx"));
        CliRun noOnnxFolder = CliRun.run("bench", "--model", flat.toString(), "--texts", file.toString(),
                "--processes", "1", "--skip-js");
        assertEquals(2, noOnnxFolder.exit(), noOnnxFolder.out());
        assertTrue(noOnnxFolder.err().contains("neither onnx/model.onnx nor onnx/model_quantized.onnx"),
                noOnnxFolder.err());

        CliRun zero = CliRun.run("bench", "--model", StandIns.bertTiny().toString(), "--texts", file.toString(),
                "--processes", "0");
        assertEquals(2, zero.exit(), zero.out());
        assertTrue(zero.err().contains("at least 1"), zero.err());
    }

    @Test
    void aBrokenRecordStopsTheBenchNamingItsLine() throws IOException {
        Path file = Files.writeString(dir.resolve("bad.jsonl"), "{\"text\": \"fine\"}\n{\"text\": \n");
        CliRun run = CliRun.run("bench", "--model", StandIns.bertTiny().toString(), "--texts", file.toString(),
                "--processes", "2", "--skip-js");
        assertEquals(2, run.exit(), run.out());
        assertTrue(run.err().contains(file + ":2:"), run.err());
    }
}
