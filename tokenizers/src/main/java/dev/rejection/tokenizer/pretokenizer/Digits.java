package dev.rejection.tokenizer.pretokenizer;

import dev.rejection.tokenizer.CharClass;
import dev.rejection.tokenizer.PreTokenizedString;

/** Splits numbers from the rest: each digit alone ({@code individual_digits}) or runs of digits together. */
public final class Digits implements PreTokenizer {
    private final boolean individualDigits;

    public Digits(boolean individualDigits) {
        this.individualDigits = individualDigits;
    }

    @Override
    public void preTokenize(PreTokenizedString text) {
        SplitDelimiterBehavior behavior = individualDigits
                ? SplitDelimiterBehavior.ISOLATED : SplitDelimiterBehavior.CONTIGUOUS;
        text.split(ns -> behavior.split(ns, CharClass::isNumber));
    }
}
