package dev.rejection.tokenizer.normalizer;

import dev.rejection.tokenizer.NormalizedString;
import java.text.Normalizer.Form;

/** Unicode normalization form NFKD. */
public final class NFKD implements Normalizer {
    @Override
    public void normalize(NormalizedString text) {
        UnicodeForm.apply(text, Form.NFKD);
    }

    @Override
    public boolean keepsSpaceCuts() {
        return true; // a space (combining class 0, composing with nothing) blocks reordering and composition
    }
}
