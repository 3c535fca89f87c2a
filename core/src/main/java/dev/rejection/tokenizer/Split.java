package dev.rejection.tokenizer;

import java.util.List;

/**
 * One piece of a {@link PreTokenizedString}: normalized text and, once a model (or the added vocabulary) has
 * tokenized it, its tokens (null until then).
 */
public final class Split {
    final NormalizedString normalized;
    List<Token> tokens;

    public Split(NormalizedString normalized, List<Token> tokens) {
        this.normalized = normalized;
        this.tokens = tokens;
    }

    public NormalizedString normalized() { return normalized; }

    public List<Token> tokens() { return tokens; }
}
