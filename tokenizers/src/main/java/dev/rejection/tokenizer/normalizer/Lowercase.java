package dev.rejection.tokenizer.normalizer;

import dev.rejection.tokenizer.NormalizedString;

/**
 * Lowercases code point by code point, as Rust's {@code char::to_lowercase} does: no context rules (a final Σ
 * becomes σ, unlike {@link String#toLowerCase}), and İ becomes "i̇" (its full mapping).
 */
public final class Lowercase implements Normalizer {
    @Override
    public void normalize(NormalizedString text) {
        apply(text);
    }

    static void apply(NormalizedString text) {
        text.mapCodePoints(Lowercase::lower);
    }

    private static String lower(int cp) {
        if (cp < 0x80) return cp >= 'A' && cp <= 'Z' ? String.valueOf((char) (cp + 32)) : null;
        if (cp == 0x130) return "i\u0307";
        int lower = Character.toLowerCase(cp);
        return lower == cp ? null : new String(Character.toChars(lower));
    }

    @Override
    public boolean keepsSpaceCuts() {
        return true; // code point by code point, with no context rule
    }
}
