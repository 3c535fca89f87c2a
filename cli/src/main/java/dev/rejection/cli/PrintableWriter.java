package dev.rejection.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/**
 * The writer of the messages a user's terminal shows (stderr): control characters other than line breaks and tabs
 * are written as {@code \u001b}. Messages quote what files and servers hold (a CSV header, a tokenizer's vocabulary,
 * a JSON line), and an escape sequence printed raw would act on the terminal instead of being read. A carriage
 * return passes only written alone ({@code print('\r')}), as a progress line is redrawn; one inside a text could
 * write over the start of its message, and is escaped.
 */
final class PrintableWriter extends FilterWriter {
    PrintableWriter(Writer out) {
        super(out);
    }

    @Override
    public void write(int c) throws IOException {
        if (c == '\r' || printable((char) c)) {
            out.write(c);
        } else {
            escape((char) c);
        }
    }

    @Override
    public void write(char[] chars, int off, int len) throws IOException {
        int start = off;
        for (int i = off; i < off + len; i++) {
            if (!printable(chars[i])) {
                out.write(chars, start, i - start);
                escape(chars[i]);
                start = i + 1;
            }
        }
        out.write(chars, start, off + len - start);
    }

    @Override
    public void write(String s, int off, int len) throws IOException {
        write(s.toCharArray(), off, len);
    }

    private void escape(char c) throws IOException {
        out.write(String.format(Locale.ROOT, "\\u%04x", (int) c));
    }

    /** Line breaks and tabs pass; other C0 and C1 controls, carriage returns included, do not. */
    private static boolean printable(char c) {
        return c == '\n' || c == '\t' || !Character.isISOControl(c);
    }
}
