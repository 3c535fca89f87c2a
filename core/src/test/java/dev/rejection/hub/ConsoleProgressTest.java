package dev.rejection.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {
    @Test
    void drawsABarForLargeFilesAndEndsTheLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleProgress bar = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), 1000);

        bar.started("onnx/model.onnx", 4000, 0);
        bar.progressed("onnx/model.onnx", 1000);
        bar.finished("onnx/model.onnx");

        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).startsWith("\ronnx/model.onnx  [#####---------------]  25%  0.0 of 0.0 MB").endsWith("\n");
    }

    @Test
    void staysQuietForSmallFiles() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleProgress bar = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), 1000);

        bar.started("config.json", 500, 0);
        bar.progressed("config.json", 500);
        bar.finished("config.json");

        assertThat(bytes.size()).isZero();
    }
}
