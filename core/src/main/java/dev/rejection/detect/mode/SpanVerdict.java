package dev.rejection.detect.mode;

import dev.rejection.detect.Verdict;

import java.util.List;

/**
 * A verdict on a whole text together with the span that decided it: the highest-scoring sentence or window, the
 * part of the text a {@code full} read covered, or the phrase a lexical decision rests on.
 *
 * <p>{@link Verdict#tokens()} and {@link Verdict#truncated()} describe what the model read for the deciding span.
 *
 * @param verdict the text's verdict (its score is the deciding span's)
 * @param span    the deciding span, in the text's UTF-16 indices
 * @param spans   every span read, in text order, with its score, when the reading recorded them ({@link ModeDetector}
 *                does); empty otherwise
 */
public record SpanVerdict(Verdict verdict, Span span, List<ScoredSpan> spans) {
    public SpanVerdict {
        spans = List.copyOf(spans);
    }

    /** A verdict and its deciding span, without the scores of the other spans. */
    public SpanVerdict(Verdict verdict, Span span) {
        this(verdict, span, List.of());
    }

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
