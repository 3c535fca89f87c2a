package dev.rejection.tokenizer.normalizer;

import dev.rejection.tokenizer.NormalizedString;

/** Rewrites text before pre-tokenization (Unicode forms, case, accents, replacements), keeping alignments. */
public interface Normalizer {
    void normalize(NormalizedString text);

    /**
     * Whether this normalizer keeps {@link dev.rejection.tokenizer.SpaceCuts space cuts}: what it makes of the text
     * before a cut is the same whether or not the rest follows, and the space there stays whitespace. True for the
     * normalizers that rewrite code point by code point (or, like the Unicode forms, never across a space); false
     * by default, which makes the tokenizer read whole texts.
     */
    default boolean keepsSpaceCuts() {
        return false;
    }

    /**
     * Whether this normalizer surrounds every CJK ideograph with spaces (BERT's {@code handle_chinese_chars}) and
     * keeps space cuts: then a place between two ideographs is a {@link dev.rejection.tokenizer.SpaceCuts CJK cut},
     * as good as a space cut. False by default.
     */
    default boolean spacesOutCjk() {
        return false;
    }
}
