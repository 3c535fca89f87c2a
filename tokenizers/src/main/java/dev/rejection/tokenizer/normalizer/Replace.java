package dev.rejection.tokenizer.normalizer;

import dev.rejection.tokenizer.NormalizedString;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Replaces every match of a string or regex pattern by fixed content. */
public final class Replace implements Normalizer {
    private final Pattern pattern;
    private final String content;

    public Replace(Pattern pattern, String content) {
        this.pattern = pattern;
        this.content = content;
    }

    @Override
    public void normalize(NormalizedString text) {
        Matcher m = pattern.matcher(text.toString());
        List<int[]> matches = new ArrayList<>();
        while (m.find()) {
            if (m.end() > m.start()) matches.add(new int[] {m.start(), m.end()});
        }
        // right to left, so earlier ranges keep their positions
        for (int i = matches.size() - 1; i >= 0; i--) {
            text.replaceRange(matches.get(i)[0], matches.get(i)[1], content);
        }
    }
}
