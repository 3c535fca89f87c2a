package dev.rejection.io;

import java.io.IOException;

/**
 * Cuts CSV input into rows without parsing their values: a row is the lines up to one that ends outside quotes.
 * Quotes count as RFC 4180 (and Jackson) read them: a {@code "} opens a quoted field only at the start of a field,
 * {@code ""} inside one is a quote, and the next lone {@code "} closes it. So a malformed row ends where a parser
 * would have ended it had it been well formed, and the rows after it are found again.
 *
 * <p>A row longer than {@link TextRecords#MAX_RECORD_CHARS} is not kept; a line over the limit is not even held, so
 * its quotes are unknown and the row is taken to end with it.
 */
final class CsvFraming {
    private final LineReader lines;
    private long lineCount;

    CsvFraming(LineReader lines) {
        this.lines = lines;
    }

    /**
     * One row: its text with the line breaks inside it (null when it is over the limit), the line it starts on,
     * and its length.
     */
    record Row(String text, long line, long length) {
        boolean oversized() {
            return text == null;
        }
    }

    /** Lines read so far. */
    long lines() {
        return lineCount;
    }

    /** The next row, or null at the end of the input. */
    Row next() throws IOException {
        LineReader.Line line = lines.next();
        if (line == null) {
            return null;
        }
        long start = ++lineCount;
        StringBuilder text = new StringBuilder();
        long length = 0;
        Quotes quotes = new Quotes();
        while (true) {
            if (line.oversized()) {
                return new Row(null, start, length + line.length());
            }
            quotes.scan(line.text());
            length += line.text().length() + line.terminator().length();
            if (text != null && length > TextRecords.MAX_RECORD_CHARS) {
                text = null;
            }
            if (text != null) {
                text.append(line.text()).append(line.terminator());
            }
            if (!quotes.open) {
                break;
            }
            line = lines.next();
            if (line == null) {
                break; // a quote left open at the end of the input: the parser says so
            }
            lineCount++;
        }
        return new Row(text == null ? null : text.toString(), start, length);
    }

    /** Whether a row read so far ends inside a quoted field. */
    private static final class Quotes {
        private boolean open;
        private boolean fieldStart = true;

        void scan(String line) {
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (open) {
                    if (c == '"') {
                        if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                            i++; // "" is a quote inside the field
                        } else {
                            open = false;
                        }
                    }
                } else if (c == '"' && fieldStart) {
                    open = true;
                    fieldStart = false;
                } else {
                    fieldStart = c == ',';
                }
            }
        }
    }
}
