package dev.rejection.tokenizer.pretokenizer;

import dev.rejection.tokenizer.CharClass;
import dev.rejection.tokenizer.NormalizedString;
import dev.rejection.tokenizer.PreTokenizedString;
import java.util.ArrayList;
import java.util.List;

/**
 * GPT-2's byte-level pre-tokenizer: optionally a leading space, the GPT-2 split pattern
 * {@code 's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+} (with Unicode White_Space
 * for {@code \s}, as Oniguruma has it), then every UTF-8 byte mapped to a printable character. The pattern is a
 * hand-written scanner: the hot path of RoBERTa tokenization.
 */
public final class ByteLevel implements PreTokenizer {
    private static final char[] BYTE_CHAR = new char[256];
    private static final int[] CHAR_BYTE = new int[256 + 68];
    private static final byte OTHER = 0;
    private static final byte LETTER = 1;
    private static final byte NUMBER = 2;
    private static final byte SPACE = 3;
    private static final byte[] BMP_CLASS = new byte[0x10000];

    static {
        int n = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= 33 && b <= 126) || (b >= 161 && b <= 172) || (b >= 174 && b <= 255);
            BYTE_CHAR[b] = printable ? (char) b : (char) (256 + n++);
        }
        java.util.Arrays.fill(CHAR_BYTE, -1);
        for (int b = 0; b < 256; b++) CHAR_BYTE[BYTE_CHAR[b]] = b;
        for (int c = 0; c < 0x10000; c++) BMP_CLASS[c] = classify(c);
    }

    private final boolean addPrefixSpace;
    private final boolean useRegex;

    public ByteLevel(boolean addPrefixSpace, boolean useRegex) {
        this.addPrefixSpace = addPrefixSpace;
        this.useRegex = useRegex;
    }

    /** The printable character GPT-2 uses for byte {@code b}. */
    public static char byteChar(int b) { return BYTE_CHAR[b & 0xFF]; }

    /** The byte that printable character {@code c} stands for, or -1. */
    public static int charByte(char c) {
        return c < CHAR_BYTE.length ? CHAR_BYTE[c] : -1;
    }

    @Override
    public void preTokenize(PreTokenizedString text) {
        text.split(this::split);
    }

    private List<NormalizedString> split(NormalizedString ns) {
        if (addPrefixSpace && (ns.isEmpty() || ns.charAt(0) != ' ')) ns.prepend(" ");
        String s = ns.toString();
        List<NormalizedString> out = new ArrayList<>();
        if (!useRegex) {
            if (!s.isEmpty()) out.add(toBytes(ns, s, 0, s.length()));
            return out;
        }
        int n = s.length();
        int i = 0;
        while (i < n) {
            int end = nextMatchEnd(s, i, n);
            out.add(toBytes(ns, s, i, end));
            i = end;
        }
        return out;
    }

    private static int classOf(int cp) {
        return cp < 0x10000 ? BMP_CLASS[cp] : classify(cp);
    }

    private static byte classify(int cp) {
        if (CharClass.isWhitespace(cp)) return SPACE;
        if (CharClass.isLetter(cp)) return LETTER;
        if (CharClass.isNumber(cp)) return NUMBER;
        return OTHER;
    }

    /** End of the GPT-2 pattern's match that starts at {@code i} (the pattern matches every position). */
    static int nextMatchEnd(String s, int i, int n) {
        char c = s.charAt(i);
        if (c == '\'' && i + 1 < n) {
            char d = s.charAt(i + 1);
            if (d == 's' || d == 't' || d == 'm' || d == 'd') return i + 2;
            if (i + 2 < n) {
                char e = s.charAt(i + 2);
                if ((d == 'r' && e == 'e') || (d == 'v' && e == 'e') || (d == 'l' && e == 'l')) return i + 3;
            }
        }
        int j = i;
        if (c == ' ' && i + 1 < n && classOf(s.codePointAt(i + 1)) != SPACE) j = i + 1;
        int cp = s.codePointAt(j);
        int k = classOf(cp);
        if (k != SPACE) {
            j += Character.charCount(cp);
            while (j < n) {
                int next = s.codePointAt(j);
                if (classOf(next) != k) break;
                j += Character.charCount(next);
            }
            return j;
        }
        int w = i;
        while (w < n) {
            int next = s.codePointAt(w);
            if (classOf(next) != SPACE) break;
            w += Character.charCount(next);
        }
        if (w == n) return n;
        int lastStart = Character.isLowSurrogate(s.charAt(w - 1)) ? w - 2 : w - 1; // whitespace is BMP; kept general
        return lastStart > i ? lastStart : w;
    }

    /** The UTF-8 bytes of {@code s[from, to)} as printable characters, each aligned to its code point's span. */
    private static NormalizedString toBytes(NormalizedString ns, String s, int from, int to) {
        NormalizedString.Builder b = NormalizedString.builder(to - from);
        for (int i = from; i < to; ) {
            int cp = s.codePointAt(i);
            int w = Character.charCount(cp);
            int start = ns.originalStart(i, i + w);
            int end = ns.originalEnd(i, i + w);
            if (cp < 0x80) {
                b.append(BYTE_CHAR[cp], start, end);
            } else if (cp < 0x800) {
                b.append(BYTE_CHAR[0xC0 | (cp >> 6)], start, end);
                b.append(BYTE_CHAR[0x80 | (cp & 0x3F)], start, end);
            } else if (cp < 0x10000) {
                b.append(BYTE_CHAR[0xE0 | (cp >> 12)], start, end);
                b.append(BYTE_CHAR[0x80 | ((cp >> 6) & 0x3F)], start, end);
                b.append(BYTE_CHAR[0x80 | (cp & 0x3F)], start, end);
            } else {
                b.append(BYTE_CHAR[0xF0 | (cp >> 18)], start, end);
                b.append(BYTE_CHAR[0x80 | ((cp >> 12) & 0x3F)], start, end);
                b.append(BYTE_CHAR[0x80 | ((cp >> 6) & 0x3F)], start, end);
                b.append(BYTE_CHAR[0x80 | (cp & 0x3F)], start, end);
            }
            i += w;
        }
        return b.build();
    }

    /**
     * With the GPT-2 pattern, a word takes a space only at its start and a letter, number or symbol run ends
     * before a space; without it, the whole text is one word.
     */
    @Override
    public boolean splitsAtSpaceCuts() {
        return useRegex;
    }
}
