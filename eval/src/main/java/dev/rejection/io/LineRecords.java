package dev.rejection.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Records of a line-oriented input, one per line, read lazily so that memory holds one line, not the file; the
 * subclass turns a numbered line into its record. A line over the length limit, or holding bytes that are not UTF-8,
 * becomes an error record. Empty lines at the end of the input (an editor's, or a writer's extra newline) are not
 * records: no line follows them for the output to keep in step with.
 */
abstract class LineRecords implements Iterator<TextRecord> {
    private final LineReader in;
    /** Names the input in error messages. */
    final String source;
    private long lineNumber;
    /** Empty lines read ahead, which come before {@link #next}: records only because a line follows them. */
    private long blanksAhead;
    private LineReader.Line next;

    LineRecords(LineReader in, String source) {
        this.in = in;
        this.source = source;
    }

    /** The record of line {@code number} (1-based). */
    abstract TextRecord record(long number, String line);

    @Override
    public final boolean hasNext() {
        if (next == null && blanksAhead == 0) {
            try {
                next = in.next();
                while (next != null && empty(next)) { // counted, not held: a run may be long
                    blanksAhead++;
                    next = in.next();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(source + ": read failed after line " + (lineNumber + blanksAhead),
                        e);
            }
            if (next == null) {
                blanksAhead = 0; // the input ends with them
            }
        }
        return next != null;
    }

    private static boolean empty(LineReader.Line line) {
        return !line.oversized() && line.text().isEmpty();
    }

    @Override
    public final TextRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        if (blanksAhead > 0) {
            blanksAhead--;
            return record(++lineNumber, "");
        }
        LineReader.Line line = next;
        next = null;
        long number = ++lineNumber;
        if (line.oversized()) {
            return TextRecord.failed(number, null, TextRecords.tooLong(source, number, line.length()));
        }
        String notUtf8 = TextRecords.notUtf8(source, number, line.text());
        return notUtf8 != null ? TextRecord.failed(number, null, notUtf8) : record(number, line.text());
    }
}
