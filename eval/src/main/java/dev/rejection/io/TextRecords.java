package dev.rejection.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Streams {@link TextRecord}s from JSON Lines, CSV or plain-text input, one record per line (per CSV row), in
 * order, holding one record in memory at a time. Close the stream to close the input.
 *
 * <p>Input is UTF-8; a byte-order mark at the start is skipped, and UTF-16's is refused. A record holding bytes that
 * are not UTF-8 becomes an error record naming its line and column (decoded as U+FFFD, its text would be scored as
 * something the file does not say), and reading goes on with the next one. Lines end with {@code \n} or
 * {@code \r\n}; a lone {@code \r} is part of its line; empty lines that end the input are not records. A record's
 * {@code id} is its {@code id} field (JSON) or column (CSV) when present.
 *
 * <p>A line (a CSV record, its quoted line breaks included) longer than {@value #MAX_RECORD_CHARS} characters
 * (UTF-16 units) becomes an error record without being held in memory, and reading goes on with the next line: a
 * hostile or broken file cannot exhaust memory with one record. (The model reads at most a few hundred tokens of a
 * text; a megabyte is far beyond any answer worth judging whole.)
 */
public final class TextRecords {
    /** The text field (JSON) or column (CSV) used when none is named. */
    public static final String DEFAULT_TEXT_FIELD = "text";

    /** The longest line (CSV record) read; longer ones become error records. */
    public static final int MAX_RECORD_CHARS = 1 << 20;

    private static final char BOM = '\uFEFF';

    /**
     * What bytes that are not UTF-8 decode to: a lone low surrogate, which well-formed UTF-8 never decodes to (an
     * encoded surrogate is itself malformed), so it cannot be told apart from the input's own characters.
     */
    private static final char NOT_UTF8 = '\uDFFF';

    private TextRecords() {
    }

    /**
     * Reads a file whose format its extension names ({@code .jsonl}, {@code .ndjson}, {@code .csv}, {@code .txt}).
     *
     * @throws IllegalArgumentException when the extension names no known format, or a CSV header lacks the text column
     */
    public static Stream<TextRecord> read(Path file, String textField) throws IOException {
        InputFormat format = InputFormat.ofFileName(file).orElseThrow(() -> new IllegalArgumentException(
                file + ": unknown input format; name the file .jsonl, .csv or .txt"));
        return read(file, format, textField);
    }

    /** Reads a file in the given format. */
    public static Stream<TextRecord> read(Path file, InputFormat format, String textField) throws IOException {
        return read(Files.newInputStream(file), file.toString(), format, textField);
    }

    /**
     * Reads a stream in the given format; closing the returned stream closes {@code in}.
     *
     * @param source names the input in error messages (a file name, or e.g. {@code <stdin>})
     * @throws IllegalArgumentException when a CSV header is missing or lacks the text column ({@code in} is closed)
     */
    public static Stream<TextRecord> read(InputStream in, String source, InputFormat format, String textField)
            throws IOException {
        BufferedReader reader = open(in, source);
        try {
            return stream(records(reader, source, format, textField), reader);
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    /**
     * Reads a stream whose format is guessed from its first non-blank character: {@code {} means JSON Lines,
     * anything else plain text. (CSV cannot be told from text reliably: name it.)
     */
    public static Stream<TextRecord> readSniffed(InputStream in, String source, String textField) throws IOException {
        BufferedReader reader = open(in, source);
        try {
            return stream(records(reader, source, sniff(reader), textField), reader);
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    private static Iterator<TextRecord> records(BufferedReader reader, String source, InputFormat format,
                                                String textField) throws IOException {
        LineReader lines = new LineReader(reader, MAX_RECORD_CHARS);
        return switch (format) {
            case JSONL -> new JsonlReader(lines, source, textField);
            case CSV -> new CsvReader(lines, source, textField);
            case TXT -> new TxtReader(lines, source);
        };
    }

    /** The error of a record over {@link #MAX_RECORD_CHARS}. */
    static String tooLong(String source, long line, long length) {
        return String.format(java.util.Locale.ROOT, "%s:%d: record of %,d characters is longer than the limit of "
                + "%,d characters; skipped", source, line, length, MAX_RECORD_CHARS);
    }

    /**
     * The error of a record whose text holds bytes that were not UTF-8, naming the line and column of the first, or
     * null when it holds none.
     *
     * @param line the line the record starts at
     * @param text the record's text as this class's reader decoded it (a line, or a CSV record's lines)
     */
    static String notUtf8(String source, long line, String text) {
        for (int i = text.indexOf(NOT_UTF8); i >= 0; i = text.indexOf(NOT_UTF8, i + 1)) {
            if (i > 0 && Character.isHighSurrogate(text.charAt(i - 1))) {
                continue; // the low half of a well-formed pair
            }
            int lineStart = text.lastIndexOf('\n', i) + 1; // a CSV record may span lines
            long lineOfByte = line + text.substring(0, lineStart).chars().filter(c -> c == '\n').count();
            return String.format(java.util.Locale.ROOT, "%s:%d: bytes that are not UTF-8 at column %d", source,
                    lineOfByte, text.codePointCount(lineStart, i) + 1);
        }
        return null;
    }

    /**
     * The input as UTF-8 text, past a byte-order mark.
     *
     * @throws IllegalArgumentException when it starts with UTF-16's byte-order mark ({@code in} is closed): read as
     *                                  UTF-8, every line would be an error or, in plain text, scored as garbage
     */
    private static BufferedReader open(InputStream in, String source) throws IOException {
        // not a BufferedInputStream, whose reads ask available() of a pipe, which fails on a named pipe
        PushbackInputStream bytes = new PushbackInputStream(in, 2);
        int first = bytes.read();
        int second = first < 0 ? -1 : bytes.read();
        if (second >= 0) {
            bytes.unread(second);
        }
        if (first >= 0) {
            bytes.unread(first);
        }
        if (first == 0xFF && second == 0xFE || first == 0xFE && second == 0xFF) {
            bytes.close();
            throw new IllegalArgumentException(source + " is UTF-16 (it starts with UTF-16's byte-order mark, as "
                    + "Windows tools often write); convert it to UTF-8, e.g. iconv -f UTF-16 -t UTF-8");
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .replaceWith(String.valueOf(NOT_UTF8));
        BufferedReader reader = new BufferedReader(new InputStreamReader(bytes, utf8), 1 << 16);
        reader.mark(1);
        if (reader.read() != BOM) {
            reader.reset();
        }
        return reader;
    }

    private static InputFormat sniff(BufferedReader reader) throws IOException {
        int limit = 1 << 16;
        reader.mark(limit);
        try {
            for (int i = 0; i < limit; i++) {
                int c = reader.read();
                if (c < 0 || !Character.isWhitespace(c)) {
                    return c == '{' ? InputFormat.JSONL : InputFormat.TXT;
                }
            }
            return InputFormat.TXT;
        } finally {
            reader.reset();
        }
    }

    private static Stream<TextRecord> stream(Iterator<TextRecord> records, BufferedReader reader) {
        Spliterator<TextRecord> split = Spliterators.spliteratorUnknownSize(records,
                Spliterator.ORDERED | Spliterator.NONNULL);
        return StreamSupport.stream(split, false).onClose(() -> {
            try {
                reader.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
