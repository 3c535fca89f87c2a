package dev.rejection.tokenizer.normalizer;

import dev.rejection.tokenizer.NormalizedString;

/** Removes non-spacing marks (category Mn); used after NFD to strip accents. */
public final class StripAccents implements Normalizer {
    @Override
    public void normalize(NormalizedString text) {
        apply(text);
    }

    static void apply(NormalizedString text) {
        text.filter(cp -> Character.getType(cp) != Character.NON_SPACING_MARK);
    }
}
