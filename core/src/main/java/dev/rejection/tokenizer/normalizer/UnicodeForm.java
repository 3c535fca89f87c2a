package dev.rejection.tokenizer.normalizer;

import dev.rejection.tokenizer.NormalizedString;
import java.text.Normalizer.Form;

/**
 * Applies a Unicode normalization form with alignment: decomposition maps each code point on its own (so every
 * piece of a decomposed character points back to it); composition works per combining sequence (a base and
 * its marks), whose output is aligned position by position when the length is unchanged, else to the whole
 * sequence.
 */
final class UnicodeForm {
    private UnicodeForm() {}

    static void apply(NormalizedString ns, Form form) {
        String s = ns.toString();
        if (java.text.Normalizer.isNormalized(s, form)) return;
        if (form == Form.NFD || form == Form.NFKD) decompose(ns, form);
        else compose(ns, s, form);
    }

    private static void decompose(NormalizedString ns, Form form) {
        ns.mapCodePoints(cp -> {
            if (cp < 0xC0) return form == Form.NFD || cp < 0xA0 ? null : normalizeOne(cp, form);
            return normalizeOne(cp, form);
        });
        String once = ns.toString();
        String reordered = java.text.Normalizer.normalize(once, form);
        if (!reordered.equals(once) && reordered.length() == once.length()) ns.replacePositionally(reordered);
    }

    private static String normalizeOne(int cp, Form form) {
        String one = new String(Character.toChars(cp));
        String out = java.text.Normalizer.normalize(one, form);
        return out.equals(one) ? null : out;
    }

    private static void compose(NormalizedString ns, String s, Form form) {
        NormalizedString.Builder b = NormalizedString.builder(s.length());
        int i = 0;
        while (i < s.length()) {
            int j = i + Character.charCount(s.codePointAt(i));
            while (j < s.length() && isCombining(s.codePointAt(j))) j += Character.charCount(s.codePointAt(j));
            String segment = s.substring(i, j);
            String out = java.text.Normalizer.normalize(segment, form);
            if (out.equals(segment) || out.length() == segment.length()
                    && out.codePointCount(0, out.length()) == segment.codePointCount(0, segment.length())) {
                for (int k = 0; k < out.length(); k++) {
                    b.append(out.charAt(k), ns.originalStart(i + k, i + k + 1), ns.originalEnd(i + k, i + k + 1));
                }
            } else {
                b.append(out, ns.originalStart(i, j), ns.originalEnd(i, j));
            }
            i = j;
        }
        ns.replaceWith(b);
    }

    private static boolean isCombining(int cp) {
        int t = Character.getType(cp);
        return t == Character.NON_SPACING_MARK || t == Character.COMBINING_SPACING_MARK
                || t == Character.ENCLOSING_MARK || (cp >= 0x1160 && cp <= 0x11FF);
    }
}
