package dev.rejection.tokenizer.normalizer;

import dev.rejection.tokenizer.NormalizedString;
import java.text.Normalizer.Form;

/** Unicode normalization form NFKD. */
public final class NFKD implements Normalizer {
    @Override
    public void normalize(NormalizedString text) {
        UnicodeForm.apply(text, Form.NFKD);
    }
}
