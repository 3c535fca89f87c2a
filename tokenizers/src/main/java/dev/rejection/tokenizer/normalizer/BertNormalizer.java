package dev.rejection.tokenizer.normalizer;

import dev.rejection.tokenizer.CharClass;
import dev.rejection.tokenizer.NormalizedString;
import java.text.Normalizer.Form;

/**
 * BERT's normalizer: drop NUL, U+FFFD and control characters and turn whitespace into spaces
 * ({@code clean_text}); surround CJK ideographs with spaces; strip accents (NFD, then drop Mn; by default when
 * lowercasing); lowercase.
 */
public final class BertNormalizer implements Normalizer {
    private final boolean cleanText;
    private final boolean handleChineseChars;
    private final boolean stripAccents;
    private final boolean lowercase;

    /** {@code stripAccents} null means: strip when lowercasing, as BERT does. */
    public BertNormalizer(boolean cleanText, boolean handleChineseChars, Boolean stripAccents, boolean lowercase) {
        this.cleanText = cleanText;
        this.handleChineseChars = handleChineseChars;
        this.stripAccents = stripAccents != null ? stripAccents : lowercase;
        this.lowercase = lowercase;
    }

    @Override
    public void normalize(NormalizedString text) {
        if (cleanText) {
            text.mapCodePoints(cp -> {
                if (cp == 0 || cp == 0xFFFD || CharClass.isBertControl(cp)) return "";
                if (cp != ' ' && (cp == '\t' || cp == '\n' || cp == '\r' || CharClass.isWhitespace(cp))) return " ";
                return null;
            });
        }
        if (handleChineseChars) {
            text.mapCodePoints(cp -> CharClass.isChineseChar(cp) ? " " + new String(Character.toChars(cp)) + " " : null);
        }
        if (stripAccents) {
            UnicodeForm.apply(text, Form.NFD);
            text.filter(cp -> Character.getType(cp) != Character.NON_SPACING_MARK); // BERT drops Mn only
        }
        if (lowercase) Lowercase.apply(text);
    }

    @Override
    public boolean keepsSpaceCuts() {
        return true; // code point by code point (clean text, CJK spacing, lowercase); NFD and Mn removal never cross a space
    }

    @Override
    public boolean spacesOutCjk() {
        return handleChineseChars;
    }
}
