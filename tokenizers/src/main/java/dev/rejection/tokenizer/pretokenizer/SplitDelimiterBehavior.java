package dev.rejection.tokenizer.pretokenizer;

import dev.rejection.tokenizer.NormalizedString;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntPredicate;

/** What happens to the delimiters a pre-tokenizer finds, as tokenizer.json's {@code behavior} names it. */
public enum SplitDelimiterBehavior {
    REMOVED, ISOLATED, MERGED_WITH_PREVIOUS, MERGED_WITH_NEXT, CONTIGUOUS;

    /** Parses "Removed", "MergedWithPrevious", ... */
    public static SplitDelimiterBehavior of(String name) {
        String snake = name.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
        return valueOf(snake);
    }

    /**
     * Cuts {@code text} at the delimiter ranges {@code matches} ({@code [start, end)} pairs, ascending,
     * non-overlapping; {@code invert} makes the gaps the delimiters) and applies this behavior.
     */
    public List<NormalizedString> split(NormalizedString text, int[] matches, int count, boolean invert) {
        int n = text.length();
        // pieces covering the whole text: [start, end, isMatch]
        int[] pieces = new int[(2 * count + 1) * 3];
        int p = 0;
        int prev = 0;
        for (int i = 0; i < count; i++) {
            int s = matches[2 * i];
            int e = matches[2 * i + 1];
            if (prev != s) {
                pieces[p++] = prev;
                pieces[p++] = s;
                pieces[p++] = invert ? 1 : 0;
            }
            pieces[p++] = s;
            pieces[p++] = e;
            pieces[p++] = invert ? 0 : 1;
            prev = e;
        }
        if (prev != n) {
            pieces[p++] = prev;
            pieces[p++] = n;
            pieces[p++] = invert ? 1 : 0;
        }
        int pieceCount = p / 3;
        int[] out = new int[pieceCount * 2];
        int o = 0;
        switch (this) {
            case REMOVED -> {
                for (int i = 0; i < pieceCount; i++) {
                    if (pieces[3 * i + 2] == 0) {
                        out[o++] = pieces[3 * i];
                        out[o++] = pieces[3 * i + 1];
                    }
                }
            }
            case ISOLATED -> {
                for (int i = 0; i < pieceCount; i++) {
                    out[o++] = pieces[3 * i];
                    out[o++] = pieces[3 * i + 1];
                }
            }
            case MERGED_WITH_PREVIOUS, CONTIGUOUS -> {
                boolean previousMatch = false;
                for (int i = 0; i < pieceCount; i++) {
                    boolean match = pieces[3 * i + 2] == 1;
                    boolean merge = this == MERGED_WITH_PREVIOUS ? match && !previousMatch : match == previousMatch;
                    if (merge && o > 0) {
                        out[o - 1] = pieces[3 * i + 1];
                    } else {
                        out[o++] = pieces[3 * i];
                        out[o++] = pieces[3 * i + 1];
                    }
                    previousMatch = match;
                }
            }
            case MERGED_WITH_NEXT -> {
                boolean previousMatch = false;
                int[] rev = new int[pieceCount * 2];
                int r = 0;
                for (int i = pieceCount - 1; i >= 0; i--) {
                    boolean match = pieces[3 * i + 2] == 1;
                    if (match && !previousMatch && r > 0) {
                        rev[r - 2] = pieces[3 * i];
                    } else {
                        rev[r++] = pieces[3 * i];
                        rev[r++] = pieces[3 * i + 1];
                    }
                    previousMatch = match;
                }
                for (int i = r - 2; i >= 0; i -= 2) {
                    out[o++] = rev[i];
                    out[o++] = rev[i + 1];
                }
            }
        }
        List<NormalizedString> result = new ArrayList<>(o / 2);
        for (int i = 0; i < o; i += 2) {
            if (out[i] < out[i + 1]) result.add(text.slice(out[i], out[i + 1]));
        }
        return result;
    }

    /** Splits where {@code isDelimiter} accepts a code point, each such code point its own delimiter. */
    public List<NormalizedString> split(NormalizedString text, IntPredicate isDelimiter) {
        String s = text.toString();
        int[] m = new int[16];
        int count = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int w = Character.charCount(cp);
            if (isDelimiter.test(cp)) {
                if (2 * count + 2 > m.length) m = java.util.Arrays.copyOf(m, m.length * 2);
                m[2 * count] = i;
                m[2 * count + 1] = i + w;
                count++;
            }
            i += w;
        }
        if (count == 0 && this != REMOVED) return List.of(text);
        return split(text, m, count, false);
    }
}
