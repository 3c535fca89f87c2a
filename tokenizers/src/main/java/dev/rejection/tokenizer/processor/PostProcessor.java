package dev.rejection.tokenizer.processor;

import dev.rejection.tokenizer.Encoding;

/** Finishes an encoding after truncation: adds special tokens, sets type ids, adjusts offsets. */
public interface PostProcessor {
    /** How many special tokens {@link #process} adds to a single sequence. */
    int addedTokens();

    /**
     * Processes a single sequence's encoding and each of its overflowing windows; special tokens only when
     * {@code addSpecialTokens}. {@code text} is the original the offsets point into.
     */
    Encoding process(String text, Encoding encoding, boolean addSpecialTokens);

    /** How many special tokens {@link #processPair} adds to a pair. */
    int addedTokensPair();

    /**
     * Processes a pair's two encodings (truncated, no overflowing windows): each part with the special tokens that
     * go with it in the pair's layout, its type ids set, its offsets adjusted against its own text. The parts are
     * returned apart, in order, so that processors can follow one another; the tokenizer joins them.
     */
    Encoding[] processPair(String first, Encoding a, String second, Encoding b, boolean addSpecialTokens);
}
