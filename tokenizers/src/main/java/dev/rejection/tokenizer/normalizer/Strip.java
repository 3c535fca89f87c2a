package dev.rejection.tokenizer.normalizer;

import dev.rejection.tokenizer.NormalizedString;

/** Removes whitespace at the left and/or right end. */
public final class Strip implements Normalizer {
    private final boolean left;
    private final boolean right;

    public Strip(boolean left, boolean right) {
        this.left = left;
        this.right = right;
    }

    @Override
    public void normalize(NormalizedString text) {
        text.strip(left, right);
    }

    @Override
    public boolean keepsSpaceCuts() {
        return true; // the cut follows a non-space, so stripping the end never reaches before it
    }
}
