package dev.rejection.tokenizer.pretokenizer;

import dev.rejection.tokenizer.NormalizedString;
import dev.rejection.tokenizer.PreTokenizedString;
import java.util.List;

/**
 * SentencePiece-style: spaces become the replacement character (▁), one is prepended per the prepend scheme
 * ({@code always}, {@code first}: only at the very start of the input, {@code never}), and with {@code split}
 * each replacement starts a new word.
 */
public final class Metaspace implements PreTokenizer {
    /** When to prepend the replacement character. */
    public enum PrependScheme { ALWAYS, FIRST, NEVER }

    private final char replacement;
    private final PrependScheme prependScheme;
    private final boolean split;

    public Metaspace(char replacement, PrependScheme prependScheme, boolean split) {
        this.replacement = replacement;
        this.prependScheme = prependScheme;
        this.split = split;
    }

    @Override
    public void preTokenize(PreTokenizedString text) {
        String rep = String.valueOf(replacement);
        text.split(ns -> {
            ns.mapCodePoints(cp -> cp == ' ' ? rep : null);
            boolean starts = !ns.isEmpty() && ns.charAt(0) == replacement;
            if (!starts && (prependScheme == PrependScheme.ALWAYS
                    || (prependScheme == PrependScheme.FIRST && ns.originalStart(0, ns.length()) == 0))) {
                ns.prepend(rep);
            }
            return split ? SplitDelimiterBehavior.MERGED_WITH_NEXT.split(ns, cp -> cp == replacement)
                    : List.<NormalizedString>of(ns);
        });
    }

    /** With {@code split}, each replaced space starts a word; without it, the whole text is one word. */
    @Override
    public boolean splitsAtSpaceCuts() {
        return split;
    }
}
