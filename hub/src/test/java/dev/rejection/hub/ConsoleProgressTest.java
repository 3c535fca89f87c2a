package dev.rejection.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {
    @Test
    void drawsABarForLargeFilesAndEndsTheLine() {
        StringWriter text = new StringWriter();
        ConsoleProgress bar = new ConsoleProgress(new PrintWriter(text), 1000);

        bar.started("onnx/model.onnx", 4000, 0);
        bar.progressed("onnx/model.onnx", 1000);
        bar.finished("onnx/model.onnx");

        String out = text.toString();
        assertThat(out).startsWith("\ronnx/model.onnx  [#####---------------]  25%  0.0 of 0.0 MB").endsWith(System.lineSeparator());
    }

    @Test
    void staysQuietForSmallFiles() {
        StringWriter text = new StringWriter();
        ConsoleProgress bar = new ConsoleProgress(new PrintWriter(text), 1000);

        bar.started("config.json", 500, 0);
        bar.progressed("config.json", 500);
        bar.finished("config.json");

        assertThat(text.toString()).isEmpty();
    }
}
