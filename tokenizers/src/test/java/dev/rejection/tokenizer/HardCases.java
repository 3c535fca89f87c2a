package dev.rejection.tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded generator of strings that stress a tokenizer: mixed scripts, emoji sequences, combining marks, CJK,
 * RTL, control and zero-width characters, Unicode spaces, whitespace runs, contractions (with ' and ’), digits,
 * URLs, code, added-token look-alikes, unpaired surrogates and very long texts.
 */
public final class HardCases {
    private static final String[] FRAGMENTS = {
        "Hello", "world", "I'm", "don't", "DON'T", "we're", "they've", "I'll", "he'd", "it's", "It'S", "I’m",
        "can’t", "we’re", "'s", "'t", "'re", "'ve", "'m", "'ll", "'d", "''", "'", "’", "rock'n'roll",
        "café", "naïve", "Ærøskøbing", "straße", "İstanbul", "ǅemal", "ﬁne", "ＡＢＣ１２３", "ΣΊΣΥΦΟΣ", "ΟΔΟΣ",
        "Привет, мир", "Ελληνικά", "مرحبا بالعالم", "שָׁלוֹם", "नमस्ते दुनिया", "สวัสดีครับ", "你好，世界",
        "こんにちは世界", "カタカナ", "안녕하세요", "漢字かな交じり文", "𠀀𠀁𪚲", "각", "한국어",
        "😀", "👍🏽", "👨‍👩‍👧‍👦", "🏳️‍🌈", "❤️", "🇺🇸🇩🇪", "🤷🏻‍♀️", "✌🏿", "🙂🙃", "⌚", "©®™",
        "e\u0301", "a\u0308\u0323", "Z\u0351\u0354\u0300\u0301a\u0316l\u0317g\u0358o", "\u0301start", "n\u0303o",
        "\u0000", "\u0007", "\u001B[31m", "\u007F", "\u0085", "\u0080", "\u009F", "\u000B", "\u000C", "\u001C",
        "\u200B", "\u200C", "\u200D", "\uFEFF", "\u2060", "\u200E", "\u200F", "\u202A", "\u202E", "\u2066",
        "\u00A0", "\u2009", "\u3000", "\u2028", "\u2029", "\u202F", "\u1680", "\u205F", "\u2002", "\u180E",
        "12345", "3.14159", "1,000,000", "٣٤٥", "²³", "½", "Ⅻ", "𝟘𝟙𝟚", "𝐀𝐁𝐂", "0x1F", "1e-9", "50%",
        "https://example.com/path?q=1&x=%20#frag", "user.name+tag@example.co.uk", "C:\\Users\\x\\file.txt",
        "for (int i = 0; i < n; i++) { x += a[i]; }", "def f(x):\n    return x**2", "<div class=\"a\">hi</div>",
        "SELECT * FROM t WHERE id = 1;", "{\"k\": [1, 2, null]}", "a_b-c.d/e", "$HOME", "~/.bashrc", "#!/bin/sh",
        "<s>", "</s>", "<mask>", "<pad>", "<unk>", "[CLS]", "[SEP]", "[MASK]", "[PAD]", "[UNK]", " <mask> ",
        "<mask>x", "x<mask>", "<s><s>", "[cls]", "<MASK>",
        "...", "!!!", "?!", "—", "–", "«guillemets»", "“quoted”", "‘single’", "¿Qué?", "¡Hola!", "…", "·",
        "\uD800", "\uDC00", "\uD83D", "\uDE00x", "x\uDBFF",
        "I'm sorry, but I can't help with that.", "As an AI language model, I cannot", "Sure! Here's how:",
    };
    private static final String[] SEPARATORS = {
        " ", " ", " ", "", "  ", "   ", "\n", "\n\n", "\t", " \n ", "\r\n", "\u00A0", " \u00A0 ", "\u3000",
        "\n\n\n    ", "      ", " ' ", " ’ ",
    };
    /**
     * Blocks for random code points, chosen so that no code point in them changed category between the Unicode
     * versions of JDK 17, JDK 25 and the oracle's Rust tables (U+061D, new in Unicode 14, is why Arabic starts at
     * U+0620): the generated strings, and the expected results, do not depend on the JDK.
     */
    private static final int[][] RANGES = {
        {0x20, 0x7E}, {0xA0, 0x24F}, {0x370, 0x3FF}, {0x400, 0x4FF}, {0x590, 0x5FF}, {0x620, 0x6FF},
        {0x900, 0x97F}, {0xE00, 0xE7F}, {0x2000, 0x206F}, {0x3040, 0x30FF}, {0x4E00, 0x4FFF}, {0xAC00, 0xAD00},
        {0x1F300, 0x1F64F}, {0x0300, 0x036F}, {0xFF00, 0xFFEF},
    };

    private HardCases() {}

    /** {@code count} strings from {@code seed}; {@code longTexts} of them are over 10,000 characters. */
    public static List<String> generate(long seed, int count, int longTexts, List<String> corpus) {
        Random r = new Random(seed);
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count - longTexts; i++) {
            out.add(switch (i % 4) {
                case 0, 1 -> fragments(r, 1 + r.nextInt(12));
                case 2 -> randomCodePoints(r, 1 + r.nextInt(40));
                default -> mutate(r, corpus.isEmpty() ? fragments(r, 8) : corpus.get(r.nextInt(corpus.size())));
            });
        }
        for (int i = 0; i < longTexts; i++) {
            StringBuilder sb = new StringBuilder();
            while (sb.length() < 10_500 + r.nextInt(5_000)) {
                sb.append(r.nextInt(3) == 0 || corpus.isEmpty() ? fragments(r, 20)
                        : corpus.get(r.nextInt(corpus.size())));
                sb.append(SEPARATORS[r.nextInt(SEPARATORS.length)]);
            }
            if (i == 0) sb.append("a".repeat(3_000)).append(" ").append("9".repeat(2_000));
            if (i == 1) sb.append(" ".repeat(4_000)).append("\n".repeat(100));
            out.add(sb.toString());
        }
        return out;
    }

    private static String fragments(Random r, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) sb.append(SEPARATORS[r.nextInt(SEPARATORS.length)]);
            sb.append(FRAGMENTS[r.nextInt(FRAGMENTS.length)]);
        }
        if (r.nextInt(6) == 0) sb.insert(0, SEPARATORS[r.nextInt(SEPARATORS.length)]);
        if (r.nextInt(6) == 0) sb.append(SEPARATORS[r.nextInt(SEPARATORS.length)]);
        return sb.toString();
    }

    private static String randomCodePoints(Random r, int n) {
        StringBuilder sb = new StringBuilder();
        int[] range = RANGES[r.nextInt(RANGES.length)];
        for (int i = 0; i < n; i++) {
            if (r.nextInt(5) == 0) range = RANGES[r.nextInt(RANGES.length)];
            int cp = range[0] + r.nextInt(range[1] - range[0] + 1);
            if (Character.getType(cp) == Character.UNASSIGNED || Character.getType(cp) == Character.SURROGATE) {
                cp = 'x';
            }
            sb.appendCodePoint(cp);
            if (r.nextInt(4) == 0) sb.append(' ');
        }
        return sb.toString();
    }

    /** A real text with a few fragments spliced in at random places. */
    private static String mutate(Random r, String text) {
        StringBuilder sb = new StringBuilder(text.length() > 2_000 ? text.substring(0, 2_000) : text);
        int edits = 1 + r.nextInt(4);
        for (int i = 0; i < edits; i++) {
            int at = r.nextInt(sb.length() + 1);
            if (at > 0 && at < sb.length() && Character.isLowSurrogate(sb.charAt(at))) at--;
            sb.insert(at, FRAGMENTS[r.nextInt(FRAGMENTS.length)]);
        }
        return sb.toString();
    }
}
