package dev.rejection.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

class PrintableWriterTest {

    @Test
    void escapeSequencesAreWrittenOutLineBreaksAndTabsPass() {
        StringWriter text = new StringWriter();
        try (PrintWriter err = new PrintWriter(new PrintableWriter(text))) {
            err.print("header '\u001b]0;pwned\u0007' at line 1\tcolumn 2\r\n");
            err.print('\u009b'); // a C1 control: the one-byte CSI of some terminals
            err.print("ok");
        }
        assertThat(text.toString()).isEqualTo("header '\\u001b]0;pwned\\u0007' at line 1\tcolumn 2\r\n\\u009bok");
    }

    @Test
    void anIoFailureNamesTheFileAndTheReasonOnce() {
        assertThat(Main.ioMessage(new NoSuchFileException("nope.jsonl")))
                .isEqualTo("nope.jsonl: no such file or folder");
        assertThat(Main.ioMessage(new UncheckedIOException(new NoSuchFileException("nope.jsonl"))))
                .isEqualTo("nope.jsonl: no such file or folder");
        assertThat(Main.ioMessage(new UncheckedIOException("cannot write the model to out",
                new java.nio.file.FileSystemException("out/onnx", null, "Not a directory"))))
                .isEqualTo("cannot write the model to out: out/onnx: Not a directory");
        assertThat(Main.ioMessage(new IOException("cannot write to <stdout>", new IOException("Broken pipe"))))
                .isEqualTo("cannot write to <stdout>: Broken pipe");
    }
}
