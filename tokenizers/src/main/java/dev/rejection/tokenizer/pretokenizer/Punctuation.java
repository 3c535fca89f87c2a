package dev.rejection.tokenizer.pretokenizer;

import dev.rejection.tokenizer.CharClass;
import dev.rejection.tokenizer.PreTokenizedString;

/** Splits on punctuation characters (BERT's definition), each one a delimiter. */
public final class Punctuation implements PreTokenizer {
    private final SplitDelimiterBehavior behavior;

    public Punctuation(SplitDelimiterBehavior behavior) {
        this.behavior = behavior;
    }

    @Override
    public void preTokenize(PreTokenizedString text) {
        text.split(ns -> behavior.split(ns, CharClass::isBertPunctuation));
    }
}
