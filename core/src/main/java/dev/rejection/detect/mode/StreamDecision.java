package dev.rejection.detect.mode;

/**
 * A decision on a streamed text: an early one, taken before the text was complete, or the final one.
 *
 * @param early   whether the stream was still open when this was decided
 * @param verdict the verdict, with the span (in the text streamed so far) that decided it
 * @param chars   characters received when it was decided
 * @param reason  why it was decided then: {@code lexical} (decisive phrases), {@code model} (a sentence score far
 *                from the threshold), or {@code end} (the whole text, at the end of the stream)
 */
public record StreamDecision(boolean early, SpanVerdict verdict, int chars, String reason) {
}
