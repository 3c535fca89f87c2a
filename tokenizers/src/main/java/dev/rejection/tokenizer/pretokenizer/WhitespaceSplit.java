package dev.rejection.tokenizer.pretokenizer;

import dev.rejection.tokenizer.CharClass;
import dev.rejection.tokenizer.PreTokenizedString;

/** Splits on Unicode whitespace, which is dropped. */
public final class WhitespaceSplit implements PreTokenizer {
    @Override
    public void preTokenize(PreTokenizedString text) {
        text.split(ns -> SplitDelimiterBehavior.REMOVED.split(ns, CharClass::isWhitespace));
    }

    @Override
    public boolean splitsAtSpaceCuts() {
        return true; // it splits on whitespace, which it drops
    }

    @Override
    public boolean splitsAtWhitespace() {
        return true; // it splits on whitespace, which it drops
    }
}
