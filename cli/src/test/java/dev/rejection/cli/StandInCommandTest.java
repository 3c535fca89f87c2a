package dev.rejection.cli;

import dev.rejection.testing.StandIns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class StandInCommandTest {

    private String out = "";
    private String err = "";

    /** Runs {@code rejection dev ARGS} through the real command line. */
    private int run(String... args) {
        String[] full = new String[args.length + 1];
        full[0] = "dev";
        System.arraycopy(args, 0, full, 1, args.length);
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        StringWriter stderr = new StringWriter();
        int exit = Main.commandLine(new ByteArrayInputStream(new byte[0]), stdout, new PrintWriter(stderr, true))
                .execute(full);
        out += stdout.toString(StandardCharsets.UTF_8);
        err += stderr;
        return exit;
    }

    @Test
    void writesTheTinyStandIn(@TempDir Path tmp) throws Exception {
        Path shared = StandIns.sharedData("stand-in generation from the shared model configs");
        Path dir = tmp.resolve("tiny");
        int code = run("standin", "--size", "tiny", "--out", dir.toString(), "--shared", shared.toString(),
                "--seed", "42");
        assertThat(code).as(err).isZero();
        assertThat(out).contains("wrote " + dir).contains("tiny, seed 42");
        assertThat(dir.resolve("onnx/model.onnx")).isRegularFile();
        assertThat(dir.resolve("tokenizer.json")).isRegularFile();
        // the same bytes as the test fixture, which uses the same seed
        assertThat(Files.readAllBytes(dir.resolve("onnx/model.onnx")))
                .isEqualTo(Files.readAllBytes(StandIns.tiny().resolve("onnx/model.onnx")));
    }

    @Test
    void writesBertTinyFromATokenizerFile(@TempDir Path tmp) {
        Path dir = tmp.resolve("bert");
        int code = run("standin", "--size", "bert-tiny", "--out", dir.toString(),
                "--tokenizer", StandIns.minilmTokenizerJson().toString());
        assertThat(code).as(err).isZero();
        assertThat(dir.resolve("config.json")).isRegularFile();
        assertThat(dir.resolve("onnx/model.onnx")).isRegularFile();
    }

    @Test
    void usageErrorsSayWhatIsWrong(@TempDir Path tmp) {
        assertThat(run()).isEqualTo(2);
        assertThat(err).contains("missing command: choose one of standin");
        assertThat(run("standin", "--size", "huge", "--out", tmp.toString())).isEqualTo(2);
        assertThat(err).contains("unknown stand-in size 'huge'");
        assertThat(run("standin", "--size", "bert-tiny", "--out", tmp.toString())).isEqualTo(2);
        assertThat(err).contains("--size bert-tiny needs --tokenizer FILE");
        assertThat(run("standin", "--size", "tiny", "--out", tmp.toString(), "--shared", tmp.resolve("no").toString()))
                .isEqualTo(2);
        assertThat(err).contains("not a directory");
    }

    @Test
    void aFolderThatHoldsAModelOrAnEmptyOutOrAWrongTokenizerIsRefused(@TempDir Path tmp) throws Exception {
        Path mine = Files.createDirectories(tmp.resolve("mine"));
        Files.writeString(mine.resolve("config.json"), "{\"mine\": true}");
        assertThat(run("standin", "--size", "bert-tiny", "--out", mine.toString(), "--tokenizer",
                StandIns.minilmTokenizerJson().toString())).isEqualTo(2);
        assertThat(err).contains("--out " + mine + " already holds a model (config.json)");
        assertThat(Files.readString(mine.resolve("config.json"))).isEqualTo("{\"mine\": true}");

        assertThat(run("standin", "--size", "bert-tiny", "--out", "", "--tokenizer",
                StandIns.minilmTokenizerJson().toString())).isEqualTo(2);
        assertThat(err).contains("--out is empty");

        assertThat(run("standin", "--size", "bert-tiny", "--out", tmp.resolve("b").toString(), "--tokenizer",
                StandIns.tiny().resolve("tokenizer.json").toString())).as("a BPE tokenizer").isEqualTo(2);
        assertThat(run("standin", "--size", "bert-tiny", "--out", tmp.resolve("c").toString(), "--tokenizer",
                tmp.toString())).isEqualTo(2);
        assertThat(err).contains("--tokenizer " + tmp + " is a folder").doesNotContain("a bug");
    }
}
