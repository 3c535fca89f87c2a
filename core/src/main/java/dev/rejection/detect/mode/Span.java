package dev.rejection.detect.mode;

/**
 * A part of a text, in UTF-16 indices of the Java string: {@code text.substring(start, end)}.
 *
 * @param start first character (inclusive)
 * @param end   end (exclusive)
 */
public record Span(int start, int end) {
    public Span {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
        }
    }

    /** The spanned part of {@code text}. */
    public String of(String text) {
        return text.substring(start, end);
    }

    public int length() {
        return end - start;
    }
}
