package dev.rejection.detect.mode;

import dev.rejection.detect.Verdict;

import java.util.List;
import java.util.Optional;

/**
 * One text as a {@link Reading} read it.
 *
 * @param verdict      the text's verdict (for a text a preset leaves unread, {@link LlmGuard#unreadVerdict})
 * @param span         the part that decided: the sentence or window with the highest score, the part a full read
 *                     covered, or the phrase a lexical decision rests on; empty for a text left unread
 * @param modelSkipped with a cascade, whether the lexical detector decided alone; empty without one
 * @param scan         under the LLM Guard preset, its scan of the text; empty otherwise
 * @param spans        every span the model read, in text order, with its score; empty where the model read nothing
 */
public record Read(Verdict verdict, Optional<Span> span, Optional<Boolean> modelSkipped,
                   Optional<LlmGuard.Scan> scan, List<ScoredSpan> spans) {
    public Read {
        spans = List.copyOf(spans);
    }

    /** A read that recorded no span scores besides the deciding span's. */
    public Read(Verdict verdict, Optional<Span> span, Optional<Boolean> modelSkipped, Optional<LlmGuard.Scan> scan) {
        this(verdict, span, modelSkipped, scan, List.of());
    }

    public double score() {
        return verdict.score();
    }

    public boolean rejection() {
        return verdict.rejection();
    }

    /** The verdict with its span, for callers that want the pair (an unread text's span is empty: (0, 0)). */
    public SpanVerdict spanVerdict() {
        return new SpanVerdict(verdict, span.orElse(new Span(0, 0)), spans);
    }
}
