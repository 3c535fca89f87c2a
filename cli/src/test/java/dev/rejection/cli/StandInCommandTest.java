package dev.rejection.cli;

import dev.rejection.testing.StandIns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class StandInCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new DevCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void writesTheTinyStandIn(@TempDir Path tmp) throws Exception {
        Path shared = StandIns.sharedData();
        Path dir = tmp.resolve("tiny");
        int code = run("standin", "--size", "tiny", "--out", dir.toString(), "--shared", shared.toString(),
                "--seed", "42");
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("wrote " + dir).contains("tiny, seed 42");
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
        assertThat(code).as(err.toString()).isZero();
        assertThat(dir.resolve("config.json")).isRegularFile();
        assertThat(dir.resolve("onnx/model.onnx")).isRegularFile();
    }

    @Test
    void usageErrorsSayWhatIsWrong(@TempDir Path tmp) {
        assertThat(run("standin", "--size", "huge", "--out", tmp.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("unknown stand-in size 'huge'");
        assertThat(run("standin", "--size", "bert-tiny", "--out", tmp.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--size bert-tiny needs --tokenizer FILE");
        assertThat(run("standin", "--size", "tiny", "--out", tmp.toString(), "--shared", tmp.resolve("no").toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("not a directory");
    }
}
