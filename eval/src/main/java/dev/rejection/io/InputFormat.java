package dev.rejection.io;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The record formats {@link TextRecords} reads. */
public enum InputFormat {
    /** One JSON object per line; the text in a configurable field. */
    JSONL,
    /** Comma-separated values (RFC 4180) with a header row; the text in a configurable column. */
    CSV,
    /** Plain text, one text per line. */
    TXT;

    /** The format a file name's extension names ({@code .jsonl}/{@code .ndjson}, {@code .csv}, {@code .txt}). */
    public static Optional<InputFormat> ofFileName(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return Optional.of(JSONL);
        }
        if (name.endsWith(".csv")) {
            return Optional.of(CSV);
        }
        if (name.endsWith(".txt")) {
            return Optional.of(TXT);
        }
        return Optional.empty();
    }
}
