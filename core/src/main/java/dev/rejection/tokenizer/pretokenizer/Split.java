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

    /** Compiles a tokenizer.json regex with Unicode classes ({@code \s} = White_Space), as Oniguruma reads it. */
    public static Pattern regex(String regex) {
        return Pattern.compile(regex, Pattern.UNICODE_CHARACTER_CLASS);
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
