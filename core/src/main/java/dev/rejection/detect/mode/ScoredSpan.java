package dev.rejection.detect.mode;

/**
 * One span a mode read, with its score: the sentences or windows of a text, each as the model judged it alone.
 *
 * @param span  the part of the text, in its UTF-16 indices
 * @param score P(REJECTION) of that part
 */
public record ScoredSpan(Span span, double score) {
}
