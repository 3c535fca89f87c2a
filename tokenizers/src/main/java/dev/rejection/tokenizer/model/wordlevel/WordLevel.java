package dev.rejection.tokenizer.model.wordlevel;

import dev.rejection.tokenizer.JsonFields;
import dev.rejection.tokenizer.Token;
import dev.rejection.tokenizer.model.Model;
import dev.rejection.tokenizer.model.Vocab;
import java.util.List;
import java.util.Map;

/** One token per word: its id, or the unknown token. */
public final class WordLevel implements Model {
    private final Vocab vocab;
    private final String unkToken;

    public WordLevel(Vocab vocab, String unkToken) {
        this.vocab = vocab;
        this.unkToken = unkToken;
    }

    public static WordLevel fromJson(JsonFields f) {
        return new WordLevel(Vocab.fromJson(f, "vocab"), f.string("unk_token", "<unk>"));
    }

    @Override
    public List<Token> tokenize(String word) {
        int id = vocab.id(word);
        if (id >= 0) return List.of(new Token(id, word, 0, word.length()));
        int unk = vocab.id(unkToken);
        if (unk < 0) throw new IllegalStateException("WordLevel: '" + word + "' and the unknown token '" + unkToken
                + "' are not in the vocabulary");
        return List.of(new Token(unk, unkToken, 0, word.length()));
    }

    @Override
    public int tokenToId(String token) { return vocab.id(token); }

    @Override
    public String idToToken(int id) { return vocab.token(id); }

    @Override
    public Map<String, Integer> vocab() { return vocab.asMap(); }
}
