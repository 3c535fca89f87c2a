package dev.rejection.tokenizer.pretokenizer;

import dev.rejection.tokenizer.PreTokenizedString;

/** Cuts the normalized text into the words the model tokenizes one by one. */
public interface PreTokenizer {
    void preTokenize(PreTokenizedString text);
}
