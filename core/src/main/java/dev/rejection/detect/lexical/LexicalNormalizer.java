package dev.rejection.detect.lexical;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;

/**
 * Normalises text before phrase matching, keeping the alignment to the original.
 *
 * <p>Steps, per grapheme-like cluster (a code point with the combining marks that follow it, so NFKC can compose
 * them): zero-width characters and soft hyphens are removed; typographic apostrophes ({@code ’ ‘ ‚ ‛ ʼ ´ ` ′ ＇}) become
 * {@code '}; typographic quotes ({@code “ ” „ ‟ ″ « »}) become {@code "}; dashes and the minus sign become {@code -};
 * then NFKC and lower case (root locale). Whitespace runs collapse to one space, or to one line break when the run
 * holds a line break (line breaks are kept because they end sentences). Apostrophes are mapped before NFKC because
 * NFKC turns {@code ´} into a space and a combining accent.
 */
public final class LexicalNormalizer {
    private LexicalNormalizer() {
    }

    /** Normalises {@code text}; never null. */
    public static NormalizedText normalize(String text) {
        int n = text.length();
        StringBuilder out = new StringBuilder(n);
        int[] starts = new int[n + 8];
        int[] ends = new int[n + 8];
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c < 0x80 && (i + 1 >= n || text.charAt(i + 1) < 0x300)) {
                // ASCII fast path: nothing to compose, NFKC is the identity
                char mapped = c == '`' ? '\'' : (c >= 'A' && c <= 'Z') ? (char) (c + 32) : c;
                starts = grow(starts, out.length() + 1);
                ends = grow(ends, out.length() + 1);
                append(out, mapped, i, i + 1, starts, ends);
                i++;
                continue;
            }
            int end = i + Character.charCount(text.codePointAt(i));
            while (end < n && isMark(text.codePointAt(end))) {
                end += Character.charCount(text.codePointAt(end));
            }
            String cluster = mapPunctuation(text, i, end);
            if (!cluster.isEmpty()) {
                String folded = mapPunctuation(
                        Normalizer.normalize(cluster, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT));
                starts = grow(starts, out.length() + folded.length());
                ends = grow(ends, out.length() + folded.length());
                for (int k = 0; k < folded.length(); k++) {
                    append(out, folded.charAt(k), i, end, starts, ends);
                }
            }
            i = end;
        }
        return new NormalizedText(text, out.toString(), Arrays.copyOf(starts, out.length()),
                Arrays.copyOf(ends, out.length()));
    }

    /** Appends one normalised character, collapsing whitespace runs into their first character's slot. */
    private static void append(StringBuilder out, char c, int from, int to, int[] starts, int[] ends) {
        int last = out.length() - 1;
        if (isSpace(c)) {
            char space = c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029' || c == '\u000B' || c == '\f'
                    ? '\n' : ' ';
            if (last >= 0 && (out.charAt(last) == ' ' || out.charAt(last) == '\n')) {
                if (space == '\n') {
                    out.setCharAt(last, '\n');
                }
                ends[last] = to;
                return;
            }
            c = space;
        }
        starts[out.length()] = from;
        ends[out.length()] = to;
        out.append(c);
    }

    private static String mapPunctuation(String text, int from, int to) {
        StringBuilder mapped = null;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            char m = map(c);
            if (m != c && mapped == null) {
                mapped = new StringBuilder(to - from).append(text, from, i);
            }
            if (mapped != null && m != REMOVE) {
                mapped.append(m);
            }
        }
        return mapped == null ? text.substring(from, to) : mapped.toString();
    }

    private static String mapPunctuation(String s) {
        return mapPunctuation(s, 0, s.length());
    }

    private static final char REMOVE = '\uFFFF';

    private static char map(char c) {
        switch (c) {
            case '\u200B': case '\u200C': case '\u200D': case '\u2060': case '\uFEFF': case '\u00AD':
                return REMOVE;
            case '\u2018': case '\u2019': case '\u201A': case '\u201B': case '\u02BC': case '\u00B4':
            case '`': case '\u2032': case '\uFF07':
                return '\'';
            case '\u201C': case '\u201D': case '\u201E': case '\u201F': case '\u2033': case '\u00AB': case '\u00BB':
                return '"';
            case '\u2010': case '\u2011': case '\u2012': case '\u2013': case '\u2014': case '\u2015':
            case '\u2212': case '\uFE58': case '\uFE63': case '\uFF0D':
                return '-';
            default:
                return c;
        }
    }

    private static boolean isMark(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || type == Character.COMBINING_SPACING_MARK;
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    private static int[] grow(int[] a, int needed) {
        return needed < a.length ? a : Arrays.copyOf(a, Math.max(needed + 8, a.length * 2));
    }
}
