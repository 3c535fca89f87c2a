package dev.rejection.tokenizer.normalizer;

import dev.rejection.tokenizer.NormalizedString;
import java.text.Normalizer.Form;

/** Unicode normalization form NFD. */
public final class NFD implements Normalizer {
    @Override
    public void normalize(NormalizedString text) {
        UnicodeForm.apply(text, Form.NFD);
    }

    @Override
    public boolean keepsSpaceCuts() {
        return true; // a space (combining class 0, composing with nothing) blocks reordering and composition
    }
}
