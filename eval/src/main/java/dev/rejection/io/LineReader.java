package dev.rejection.io;

import java.io.IOException;
import java.io.Reader;

/**
 * The lines of a character stream, as the readers' formats define them: ended by {@code \n} or {@code \r\n} only
 * (a lone {@code \r} is part of its line, so it neither splits a record nor shifts the line numbers after it),
 * and at most {@code maxChars} long. A longer line is read to its end without being kept — one huge line costs
 * the limit's worth of memory, not its own size — and comes back as {@link Line#oversized()} with its length.
 */
final class LineReader {
    private final Reader in;
    private final int maxChars;
    private final char[] buffer = new char[1 << 16];
    private int position;
    private int limit;

    LineReader(Reader in, int maxChars) {
        this.in = in;
        this.maxChars = maxChars;
    }

    /**
     * One line: its text (null when it was over the limit), its length in chars and what ended it.
     *
     * @param terminator {@code "\n"}, {@code "\r\n"}, or {@code ""} for a last line without one
     */
    record Line(String text, long length, String terminator) {
        boolean oversized() {
            return text == null;
        }
    }

    /** The next line, or null at the end of the input. */
    Line next() throws IOException {
        StringBuilder text = new StringBuilder();
        long length = 0;
        boolean kept = true;
        boolean any = false;
        char last = 0;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer, 0, buffer.length);
                position = 0;
                if (limit < 0) {
                    limit = 0;
                    return any ? line(kept ? text : null, length, "", maxChars) : null;
                }
            }
            any = true;
            int end = position;
            while (end < limit && buffer[end] != '\n') {
                end++;
            }
            int n = end - position;
            if (n > 0) {
                last = buffer[end - 1];
                // one char over the limit is allowed here: it may be the \r of a \r\n
                if (kept && length + n > (long) maxChars + 1) {
                    kept = false;
                    text = null;
                }
                if (kept) {
                    text.append(buffer, position, n);
                }
                length += n;
            }
            position = end;
            if (end < limit) { // at the \n
                position++;
                boolean crlf = length > 0 && last == '\r';
                if (crlf && kept) {
                    text.setLength(text.length() - 1);
                }
                return line(kept ? text : null, crlf ? length - 1 : length, crlf ? "\r\n" : "\n", maxChars);
            }
        }
    }

    private static Line line(StringBuilder text, long length, String terminator, int maxChars) {
        return text == null || length > maxChars ? new Line(null, length, terminator)
                : new Line(text.toString(), length, terminator);
    }
}
