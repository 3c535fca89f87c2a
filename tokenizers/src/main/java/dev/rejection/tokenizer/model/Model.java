package dev.rejection.tokenizer.model;

import dev.rejection.tokenizer.Token;
import java.util.List;
import java.util.Map;

/** Turns one pre-tokenized word into tokens from a vocabulary. */
public interface Model {
    /** Tokens of {@code word}; their ranges are UTF-16 indices into {@code word}. */
    List<Token> tokenize(String word);

    /** Id of {@code token}, or -1 when it is not in the vocabulary. */
    int tokenToId(String token);

    /** Token of {@code id}, or null. */
    String idToToken(int id);

    /** Token to id, the model's own vocabulary (added tokens not included). */
    Map<String, Integer> vocab();
}
