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
}
