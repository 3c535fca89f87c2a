package dev.rejection.tokenizer.pretokenizer;

import dev.rejection.tokenizer.PreTokenizedString;

/** Splits on one delimiter character, which is dropped. */
public final class CharDelimiterSplit implements PreTokenizer {
    private final int delimiter;

    public CharDelimiterSplit(int delimiter) {
        this.delimiter = delimiter;
    }

    @Override
    public void preTokenize(PreTokenizedString text) {
        text.split(ns -> SplitDelimiterBehavior.REMOVED.split(ns, cp -> cp == delimiter));
    }
}
