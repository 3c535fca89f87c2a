package dev.rejection.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Reads plain text, one text per line ({@code \n}, {@code \r\n} or {@code \r}). A blank line is an empty text, so
 * that output line N always answers input line N.
 */
final class TxtReader implements Iterator<TextRecord> {
    private final BufferedReader in;
    private final String source;
    private long lineNumber;
    private String next;

    TxtReader(BufferedReader in, String source) {
        this.in = in;
        this.source = source;
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            try {
                next = in.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(source + ": read failed after line " + lineNumber, e);
            }
        }
        return next != null;
    }

    @Override
    public TextRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        String text = next;
        next = null;
        return new TextRecord(++lineNumber, null, text, Map.of(), null);
    }
}
