package dev.rejection.tokenizer.normalizer;

import dev.rejection.tokenizer.NormalizedString;
import java.text.Normalizer.Form;

/** Unicode normalization form NFC. */
public final class NFC implements Normalizer {
    @Override
    public void normalize(NormalizedString text) {
        UnicodeForm.apply(text, Form.NFC);
    }

    @Override
    public boolean keepsSpaceCuts() {
        return true; // a space (combining class 0, composing with nothing) blocks reordering and composition
    }
}
