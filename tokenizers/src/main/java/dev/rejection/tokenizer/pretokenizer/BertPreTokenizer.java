package dev.rejection.tokenizer.pretokenizer;

import dev.rejection.tokenizer.CharClass;
import dev.rejection.tokenizer.NormalizedString;
import dev.rejection.tokenizer.PreTokenizedString;
import java.util.ArrayList;
import java.util.List;

/** BERT's pre-tokenizer: drop whitespace, then isolate every punctuation character. */
public final class BertPreTokenizer implements PreTokenizer {
    @Override
    public void preTokenize(PreTokenizedString text) {
        text.split(ns -> {
            List<NormalizedString> out = new ArrayList<>();
            for (NormalizedString word : SplitDelimiterBehavior.REMOVED.split(ns, CharClass::isWhitespace)) {
                out.addAll(SplitDelimiterBehavior.ISOLATED.split(word, CharClass::isBertPunctuation));
            }
            return out;
        });
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
