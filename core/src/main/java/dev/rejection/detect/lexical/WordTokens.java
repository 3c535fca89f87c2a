package dev.rejection.detect.lexical;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The word tokens of a normalised text, the unit that phrases are matched on: runs of letters, digits and marks,
 * with an apostrophe kept inside a word ({@code can't}, {@code i'm}); every Han, Hiragana or Katakana character is a
 * token of its own, since those scripts put no spaces between words. Punctuation and symbols are not tokens, so
 * {@code "sorry, but"} and {@code "sorry but"} match alike; sentence-ending punctuation ({@code . ! ? 。 ！ ？}) and
 * line breaks advance the sentence index that position constraints use.
 */
final class WordTokens {
    final int size;
    final int[] start;    // normalised char index
    final int[] end;      // exclusive
    final int[] sentence; // 0 for the first sentence

    private WordTokens(int size, int[] start, int[] end, int[] sentence) {
        this.size = size;
        this.start = start;
        this.end = end;
        this.sentence = sentence;
    }

    static WordTokens of(String s) {
        int n = s.length();
        int[] start = new int[16];
        int[] end = new int[16];
        int[] sentence = new int[16];
        int size = 0;
        int sentenceIndex = 0;
        boolean boundaryPending = false;
        int i = 0;
        while (i < n) {
            int cp = s.codePointAt(i);
            int width = Character.charCount(cp);
            if (isIdeograph(cp) || isWordChar(cp)) {
                if (boundaryPending) {
                    sentenceIndex++;
                    boundaryPending = false;
                }
                int j = i + width;
                if (!isIdeograph(cp)) {
                    while (j < n) {
                        int next = s.codePointAt(j);
                        if (isWordChar(next) && !isIdeograph(next)) {
                            j += Character.charCount(next);
                        } else if (next == '\'' && j + 1 < n && isWordChar(s.codePointAt(j + 1))
                                && !isIdeograph(s.codePointAt(j + 1))) {
                            j++;
                        } else {
                            break;
                        }
                    }
                }
                if (size == start.length) {
                    start = Arrays.copyOf(start, size * 2);
                    end = Arrays.copyOf(end, size * 2);
                    sentence = Arrays.copyOf(sentence, size * 2);
                }
                start[size] = i;
                end[size] = j;
                sentence[size] = sentenceIndex;
                size++;
                i = j;
            } else {
                if (size > 0 && endsSentence(cp)) {
                    boundaryPending = true;
                }
                i += width;
            }
        }
        return new WordTokens(size, start, end, sentence);
    }

    /** The token texts of a short string (used to compile phrase words). */
    static List<String> texts(String s) {
        WordTokens tokens = of(s);
        List<String> out = new ArrayList<>(tokens.size);
        for (int k = 0; k < tokens.size; k++) {
            out.add(s.substring(tokens.start[k], tokens.end[k]));
        }
        return out;
    }

    private static boolean isWordChar(int cp) {
        if (cp < 0x80) {
            return (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z');
        }
        int type = Character.getType(cp);
        return Character.isLetterOrDigit(cp) || type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK || type == Character.ENCLOSING_MARK;
    }

    private static boolean isIdeograph(int cp) {
        if (cp < 0x2E80) {
            return false;
        }
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA;
    }

    private static boolean endsSentence(int cp) {
        return cp == '.' || cp == '!' || cp == '?' || cp == '\n' || cp == '。' || cp == '！' || cp == '？';
    }
}
