package dev.rejection.io;

import java.util.Locale;

/**
 * Text from a file or a client as a person reads it on a terminal or a page: control characters (an escape
 * sequence would act on the terminal) and lone surrogates (which no UTF-8 file can hold) are written as
 * {@code \u001b}.
 */
public final class Printable {
    private Printable() {
    }

    /** {@code s} with every control character and lone surrogate written out; line breaks too. */
    public static String of(String s) {
        return written(s, false);
    }

    /** As {@link #of}, but line breaks ({@code \n}) and tabs stay, for text shown as it was laid out. */
    public static String keepingLines(String s) {
        return written(s, true);
    }

    private static String written(String s, boolean keepLines) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1));
            if (pair) {
                if (out != null) {
                    out.append(c).append(s.charAt(i + 1));
                }
                i++;
            } else if ((Character.isISOControl(c) && !(keepLines && (c == '\n' || c == '\t')))
                    || Character.isSurrogate(c)) {
                if (out == null) {
                    out = new StringBuilder(s.length() + 16).append(s, 0, i);
                }
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? s : out.toString();
    }
}
