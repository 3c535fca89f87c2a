package dev.rejection.tokenizer.normalizer;

import dev.rejection.tokenizer.NormalizedString;

/** Rewrites text before pre-tokenization (Unicode forms, case, accents, replacements), keeping alignments. */
public interface Normalizer {
    void normalize(NormalizedString text);
}
