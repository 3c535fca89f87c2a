package dev.rejection.detect.mode;

import java.util.Locale;

/** Which parts of a text the model reads, and how their scores become the text's score. */
public enum MatchMode {
    /** The whole text as the model card runs it: truncated to the model's maximum length. */
    FULL,
    /** Every sentence on its own, batched; the text's score is the highest sentence score. */
    SENTENCE,
    /**
     * Overlapping token windows over the whole text, of the scorer's window length ({@link SpanScorer#windowLength}),
     * ending by the answer's closing when the text is longer than one window (a text one window reads whole keeps it);
     * the score is the highest window's.
     */
    WINDOW,
    /**
     * The full read, and where it cut a long text, windows as in {@link #WINDOW} over what it did not read (the
     * first overlapping the full read by the stride) and a window ending with each paragraph it did not read whole,
     * or with the last of a group of paragraphs that end within 16 tokens of the first one's end (reaching back the
     * stride before that paragraph), all of them ending by the answer's closing ("I hope this helps! Let me know
     * ...", which at a window's end reads as a refusal's sign-off); the score is the highest. A text within the max
     * length is read exactly as in {@link #FULL}, so ordinary answers keep its verdicts, and a refusal deep inside a
     * long one is still read, even with more of the answer after it.
     */
    DEEP;

    /** Whether this mode reads token windows (and so takes a stride). */
    public boolean windowed() {
        return this == WINDOW || this == DEEP;
    }

    /** The mode named {@code name} in any case ({@code full}, {@code sentence}, {@code window}, {@code deep}). */
    public static MatchMode parse(String name) {
        for (MatchMode mode : values()) {
            if (mode.name().equalsIgnoreCase(name.strip())) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown match mode '" + name + "': choose full, sentence, window or deep");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
