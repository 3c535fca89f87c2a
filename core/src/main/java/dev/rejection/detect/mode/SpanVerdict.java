package dev.rejection.detect.mode;

import dev.rejection.detect.Verdict;

/**
 * A verdict on a whole text together with the span that decided it: the highest-scoring sentence or window, the
 * part of the text a {@code full} read covered, or the phrase a lexical decision rests on.
 *
 * <p>{@link Verdict#tokens()} and {@link Verdict#truncated()} describe what the model read for the deciding span.
 *
 * @param verdict the text's verdict (its score is the deciding span's)
 * @param span    the deciding span, in the text's UTF-16 indices
 */
public record SpanVerdict(Verdict verdict, Span span) {
    public double score() {
        return verdict.score();
    }

    public boolean rejection() {
        return verdict.rejection();
    }

    /** The deciding span's text. */
    public String spanText(String text) {
        return span.of(text);
    }
}
