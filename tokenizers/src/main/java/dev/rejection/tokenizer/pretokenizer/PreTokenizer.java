package dev.rejection.tokenizer.pretokenizer;

import dev.rejection.tokenizer.PreTokenizedString;

/** Cuts the normalized text into the words the model tokenizes one by one. */
public interface PreTokenizer {
    void preTokenize(PreTokenizedString text);

    /**
     * Whether this pre-tokenizer splits at every {@link dev.rejection.tokenizer.SpaceCuts space cut}: no word
     * straddles the cut, and the words before it are the same whether or not the rest follows. False by default,
     * which makes the tokenizer read whole texts.
     */
    default boolean splitsAtSpaceCuts() {
        return false;
    }

    /**
     * Whether every run of whitespace ends a word: the spaces a normalizer puts around CJK ideographs then make each
     * a word of its own ({@link dev.rejection.tokenizer.SpaceCuts CJK cuts}). False by default.
     */
    default boolean splitsAtWhitespace() {
        return false;
    }
}
