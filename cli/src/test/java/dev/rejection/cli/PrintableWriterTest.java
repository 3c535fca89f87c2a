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
    void escapeSequencesAndCarriageReturnsInTextAreWrittenOutLineBreaksAndTabsPass() {
        StringWriter text = new StringWriter();
        try (PrintWriter err = new PrintWriter(new PrintableWriter(text))) {
            err.print("header '\u001b]0;pwned\u0007' at line 1\tcolumn 2\n");
            err.print('\u009b'); // a C1 control: the one-byte CSI of some terminals
            err.print("ok\n");
            err.print("id 'x\rrejection: all good' at line 3\n"); // would write over the line's start
            err.print('\r'); // alone: a progress line redrawn
            err.print("12 texts\n");
            err.print("half a pair \ud83d, then a whole one \ud83d\ude00");
        }
        assertThat(text.toString()).isEqualTo("header '\\u001b]0;pwned\\u0007' at line 1\tcolumn 2\n\\u009bok\n"
                + "id 'x\\u000drejection: all good' at line 3\n\r12 texts\n"
                + "half a pair \\ud83d, then a whole one \ud83d\ude00");
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
