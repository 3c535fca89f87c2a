package dev.rejection.detect.lexical;

/** A phrase file that cannot be read; the message names the file, line and column. */
public final class PhraseSyntaxException extends IllegalArgumentException {
    private final String source;
    private final int line;

    PhraseSyntaxException(String source, int line, int column, String message) {
        super(source + ":" + line + (column > 0 ? ":" + column : "") + ": " + message);
        this.source = source;
        this.line = line;
    }

    /** The file or resource name. */
    public String source() {
        return source;
    }

    /** The 1-based line of the error. */
    public int line() {
        return line;
    }
}
