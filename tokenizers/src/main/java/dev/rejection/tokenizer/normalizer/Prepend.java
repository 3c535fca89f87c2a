package dev.rejection.tokenizer.normalizer;

import dev.rejection.tokenizer.NormalizedString;

/** Puts a fixed string in front of non-empty text. */
public final class Prepend implements Normalizer {
    private final String prefix;

    public Prepend(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public void normalize(NormalizedString text) {
        if (!text.isEmpty()) text.prepend(prefix);
    }

    @Override
    public boolean keepsSpaceCuts() {
        return true; // it only touches the start of the text
    }
}
