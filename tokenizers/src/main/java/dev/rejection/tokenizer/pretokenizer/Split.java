package dev.rejection.tokenizer.pretokenizer;

import dev.rejection.tokenizer.NormalizedString;
import dev.rejection.tokenizer.PreTokenizedString;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Splits on a string or regular expression, with a delimiter behavior and optional inversion. */
public final class Split implements PreTokenizer {
    private final Pattern pattern;
    private final SplitDelimiterBehavior behavior;
    private final boolean invert;

    /** {@code pattern} is already a compiled regex (a literal string pattern is quoted by the caller). */
    public Split(Pattern pattern, SplitDelimiterBehavior behavior, boolean invert) {
        this.pattern = pattern;
        this.behavior = behavior;
        this.invert = invert;
    }

    /** Oniguruma's {@code \\w} inside a bracket class. */
    private static final String WORD = "\\p{IsAlphabetic}\\p{M}\\p{Nd}\\p{Pc}";
    /** Oniguruma's {@code \\w} on its own also takes the Latin-1 superscript digits and fractions. */
    private static final String WORD_ALONE = WORD + "\\u00B2\\u00B3\\u00B9\\u00BC-\\u00BE";

    /**
     * Compiles a tokenizer.json regex as Oniguruma (which Hugging Face uses) reads it: Unicode classes, with
     * {@code \s} = White_Space and {@code \w} = Alphabetic, marks, decimal digits and connector punctuation
     * (plus ² ³ ¹ ¼ ½ ¾ outside brackets, as measured against the oracle). Java's Unicode {@code \w} also takes
     * join controls, so it is rewritten.
     */
    public static Pattern regex(String regex) {
        StringBuilder out = new StringBuilder(regex.length() + 16);
        boolean inClass = false;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\' && i + 1 < regex.length()) {
                char next = regex.charAt(++i);
                if (next == 'w') out.append(inClass ? WORD : "[" + WORD_ALONE + "]");
                else if (next == 'W' && !inClass) out.append("[^").append(WORD_ALONE).append(']');
                else out.append(c).append(next);
                continue;
            }
            if (c == '[') inClass = true;
            else if (c == ']') inClass = false;
            out.append(c);
        }
        return Pattern.compile(out.toString(), Pattern.UNICODE_CHARACTER_CLASS);
    }

    /** A literal string pattern. */
    public static Pattern literal(String text) {
        return Pattern.compile(Pattern.quote(text));
    }

    @Override
    public void preTokenize(PreTokenizedString text) {
        text.split(this::split);
    }

    List<NormalizedString> split(NormalizedString ns) {
        Matcher m = pattern.matcher(ns.toString());
        int[] matches = new int[16];
        int count = 0;
        while (m.find()) {
            if (m.start() == m.end()) continue; // an empty match delimits nothing
            if (2 * count + 2 > matches.length) matches = Arrays.copyOf(matches, matches.length * 2);
            matches[2 * count] = m.start();
            matches[2 * count + 1] = m.end();
            count++;
        }
        return behavior.split(ns, matches, count, invert);
    }
}
