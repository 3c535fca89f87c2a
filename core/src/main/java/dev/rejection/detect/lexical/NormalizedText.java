package dev.rejection.detect.lexical;

/**
 * A text after {@link LexicalNormalizer}: the normalised string plus, for every one of its characters, the span of
 * the original text it came from, so that a match found in the normalised string reports where it sits in the
 * original (offsets survive NFKC, case folding, removed zero-width characters and collapsed whitespace).
 */
public final class NormalizedText {
    private final String original;
    private final String normalized;
    private final int[] originStart;
    private final int[] originEnd;

    NormalizedText(String original, String normalized, int[] originStart, int[] originEnd) {
        this.original = original;
        this.normalized = normalized;
        this.originStart = originStart;
        this.originEnd = originEnd;
    }

    /** The text as given. */
    public String original() {
        return original;
    }

    /** The normalised text that phrases are matched against. */
    public String normalized() {
        return normalized;
    }

    /** Start (UTF-16 index in the original) of the span that normalised character {@code index} came from. */
    public int originalStart(int index) {
        return originStart[index];
    }

    /** End (exclusive, UTF-16 index in the original) of the span that normalised character {@code index} came from. */
    public int originalEnd(int index) {
        return originEnd[index];
    }

    /**
     * The original span {@code [start, end)} covering the normalised characters {@code [from, to)}; an empty range
     * maps to an empty span at the corresponding original position.
     */
    public int[] originalSpan(int from, int to) {
        if (from < 0 || to > normalized.length() || from > to) {
            throw new IndexOutOfBoundsException("normalised range [" + from + ", " + to + ") outside [0, "
                    + normalized.length() + ")");
        }
        if (from == to) {
            int at = from < normalized.length() ? originStart[from] : original.length();
            return new int[] {at, at};
        }
        return new int[] {originStart[from], originEnd[to - 1]};
    }
}
