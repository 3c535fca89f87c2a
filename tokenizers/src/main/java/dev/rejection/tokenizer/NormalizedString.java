package dev.rejection.tokenizer;

import java.util.function.IntFunction;
import java.util.function.IntPredicate;

/**
 * A piece of text being normalized that remembers, for every UTF-16 unit of its current (normalized) form, which
 * span of the original string it came from, so that token offsets survive NFKC, lowercasing and replacements.
 *
 * <p>Spans are absolute UTF-16 indices into the whole original input, so splits never need shifting. Mutating
 * operations replace the content in place; a normalized string belongs to one encode call and is never shared.
 */
public final class NormalizedString {
    private char[] chars;
    private int[] starts;
    private int[] ends;
    private int length;

    private NormalizedString(char[] chars, int[] starts, int[] ends, int length) {
        this.chars = chars;
        this.starts = starts;
        this.ends = ends;
        this.length = length;
    }

    /**
     * The range {@code [from, to)} of {@code original}, not yet normalized. An unpaired surrogate becomes U+FFFD
     * (as a UTF-8 encoder would), aligned to its own position.
     */
    public static NormalizedString of(String original, int from, int to) {
        int n = to - from;
        char[] chars = new char[n];
        int[] starts = new int[n];
        int[] ends = new int[n];
        original.getChars(from, to, chars, 0);
        for (int i = 0; i < n; i++) {
            char c = chars[i];
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(chars[i + 1])) {
                starts[i] = starts[i + 1] = from + i;
                ends[i] = ends[i + 1] = from + i + 2;
                i++;
                continue;
            }
            if (Character.isSurrogate(c)) {
                chars[i] = '\uFFFD';
            }
            starts[i] = from + i;
            ends[i] = from + i + 1;
        }
        return new NormalizedString(chars, starts, ends, n);
    }

    /** Whole original string, not yet normalized. */
    public static NormalizedString of(String original) {
        return of(original, 0, original.length());
    }

    public int length() { return length; }

    public boolean isEmpty() { return length == 0; }

    public char charAt(int i) { return chars[i]; }

    /** The normalized text. */
    @Override
    public String toString() { return new String(chars, 0, length); }

    /** The normalized text of {@code [from, to)}. */
    public String substring(int from, int to) { return new String(chars, from, to - from); }

    /** Original start (UTF-16 index into the input) of the normalized range {@code [from, to)}. */
    public int originalStart(int from, int to) {
        if (length == 0) return 0;
        return from < to ? starts[from] : (from < length ? starts[from] : ends[length - 1]);
    }

    /** Original end (exclusive) of the normalized range {@code [from, to)}. */
    public int originalEnd(int from, int to) {
        if (length == 0) return 0;
        return from < to ? ends[to - 1] : (from < length ? starts[from] : ends[length - 1]);
    }

    /** A copy of the normalized range {@code [from, to)} with its alignments. */
    public NormalizedString slice(int from, int to) {
        int n = to - from;
        char[] c = new char[n];
        int[] s = new int[n];
        int[] e = new int[n];
        System.arraycopy(chars, from, c, 0, n);
        System.arraycopy(starts, from, s, 0, n);
        System.arraycopy(ends, from, e, 0, n);
        return new NormalizedString(c, s, e, n);
    }

    /**
     * Replaces every code point by the string {@code f} gives for it (null keeps it, "" removes it); every output
     * unit inherits the span of the code point it came from.
     */
    public void mapCodePoints(IntFunction<String> f) {
        Builder b = new Builder(length + 8);
        for (int i = 0; i < length; ) {
            int cp = Character.codePointAt(chars, i, length);
            int w = Character.charCount(cp);
            String out = f.apply(cp);
            if (out == null) {
                for (int k = 0; k < w; k++) b.append(chars[i + k], starts[i + k], ends[i + k]);
            } else {
                b.append(out, starts[i], ends[i + w - 1]);
            }
            i += w;
        }
        b.assignTo(this);
    }

    /** Keeps only the code points {@code keep} accepts. */
    public void filter(IntPredicate keep) {
        mapCodePoints(cp -> keep.test(cp) ? null : "");
    }

    /**
     * Replaces the normalized range {@code [from, to)} by {@code text}, all of it aligned to the span of the
     * range's last character (an empty range: the character before it), as Hugging Face's {@code replace} does.
     */
    public void replaceRange(int from, int to, String text) {
        Builder b = new Builder(length - (to - from) + text.length());
        for (int i = 0; i < from; i++) b.append(chars[i], starts[i], ends[i]);
        int at = to > from ? to - 1 : from - 1;
        b.append(text, at >= 0 ? starts[at] : 0, at >= 0 ? ends[at] : 0);
        for (int i = to; i < length; i++) b.append(chars[i], starts[i], ends[i]);
        b.assignTo(this);
    }

    /** Replaces the content by what {@code b} assembled. */
    public void replaceWith(Builder b) {
        b.assignTo(this);
    }

    /** Replaces the content by {@code text} of the same length, keeping the alignment of each position. */
    public void replacePositionally(String text) {
        if (text.length() != length) throw new IllegalArgumentException("length differs");
        text.getChars(0, length, chars, 0);
    }

    /** Puts {@code text} before the content, aligned to the start of the first character. */
    public void prepend(String text) {
        if (length == 0) return;
        Builder b = new Builder(length + text.length());
        b.append(text, starts[0], ends[0]);
        for (int i = 0; i < length; i++) b.append(chars[i], starts[i], ends[i]);
        b.assignTo(this);
    }

    /** Removes leading and/or trailing whitespace (Unicode White_Space). */
    public void strip(boolean left, boolean right) {
        int from = 0;
        int to = length;
        if (left) while (from < to && CharClass.isWhitespace(chars[from])) from++;
        if (right) while (to > from && CharClass.isWhitespace(chars[to - 1])) to--;
        if (from == 0 && to == length) return;
        NormalizedString s = slice(from, to);
        chars = s.chars;
        starts = s.starts;
        ends = s.ends;
        length = s.length;
    }

    /** A builder for components that assemble a normalized string character by character. */
    public static Builder builder(int capacity) { return new Builder(capacity); }

    /** Accumulates characters with their original spans. */
    public static final class Builder {
        private char[] c;
        private int[] s;
        private int[] e;
        private int n;

        Builder(int capacity) {
            int cap = Math.max(capacity, 4);
            c = new char[cap];
            s = new int[cap];
            e = new int[cap];
        }

        private void grow(int extra) {
            if (n + extra <= c.length) return;
            int cap = Math.max(c.length * 2, n + extra);
            c = java.util.Arrays.copyOf(c, cap);
            s = java.util.Arrays.copyOf(s, cap);
            e = java.util.Arrays.copyOf(e, cap);
        }

        public void append(char ch, int start, int end) {
            grow(1);
            c[n] = ch;
            s[n] = start;
            e[n] = end;
            n++;
        }

        public void append(CharSequence text, int start, int end) {
            grow(text.length());
            for (int i = 0; i < text.length(); i++) {
                c[n] = text.charAt(i);
                s[n] = start;
                e[n] = end;
                n++;
            }
        }

        void assignTo(NormalizedString target) {
            target.chars = c;
            target.starts = s;
            target.ends = e;
            target.length = n;
        }

        public NormalizedString build() { return new NormalizedString(c, s, e, n); }
    }
}
