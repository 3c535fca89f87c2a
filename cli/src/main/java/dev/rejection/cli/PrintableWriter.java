package dev.rejection.cli;

import dev.rejection.io.Printable;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * The writer of the messages a user's terminal shows (stderr): control characters other than line breaks and tabs,
 * and lone surrogates, are written as {@code \u001b} ({@link Printable#keepingLines}, as eval's outputs write them).
 * Messages quote what files and servers hold (a CSV header, a tokenizer's vocabulary, a JSON line), and an escape
 * sequence printed raw would act on the terminal instead of being read. A carriage
 * return passes only written alone ({@code print('\r')}), as a progress line is redrawn; one inside a text could
 * write over the start of its message, and is escaped.
 */
final class PrintableWriter extends FilterWriter {
    PrintableWriter(Writer out) {
        super(out);
    }

    @Override
    public void write(int c) throws IOException {
        if (c == '\r') {
            out.write(c);
        } else {
            out.write(Printable.keepingLines(String.valueOf((char) c)));
        }
    }

    @Override
    public void write(char[] chars, int off, int len) throws IOException {
        out.write(Printable.keepingLines(new String(chars, off, len)));
    }

    @Override
    public void write(String s, int off, int len) throws IOException {
        out.write(Printable.keepingLines(s.substring(off, off + len)));
    }
}
