package dev.rejection.tokenizer.normalizer;

import dev.rejection.tokenizer.NormalizedString;

/** Removes combining marks (categories Mn, Mc, Me); used after NFD to strip accents. */
public final class StripAccents implements Normalizer {
    @Override
    public void normalize(NormalizedString text) {
        apply(text);
    }

    static void apply(NormalizedString text) {
        text.filter(cp -> {
            int t = Character.getType(cp);
            return t != Character.NON_SPACING_MARK && t != Character.COMBINING_SPACING_MARK
                    && t != Character.ENCLOSING_MARK;
        });
    }

    @Override
    public boolean keepsSpaceCuts() {
        return true; // it drops combining marks one by one
    }
}
