package dev.rejection.detect.lexical;

/**
 * One phrase found in a text.
 *
 * @param phrase  the phrase that matched
 * @param start   start of the match in the original text (UTF-16 index)
 * @param end     end of the match in the original text (exclusive)
 * @param text    the matched part of the original text, {@code original.substring(start, end)}
 * @param opening whether the match starts in the opening (first sentence or first
 *                {@link LexicalDetector#OPENING_CHARS} characters)
 */
public record LexicalMatch(Phrase phrase, int start, int end, String text, boolean opening) {
    /** Whether this match is evidence of a refusal (strong or weak), as opposed to counter-evidence. */
    public boolean refusal() {
        return phrase.strength() != Strength.COUNTER;
    }
}
