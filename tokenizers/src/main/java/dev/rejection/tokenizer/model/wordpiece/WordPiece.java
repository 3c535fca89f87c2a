package dev.rejection.tokenizer.model.wordpiece;

import dev.rejection.tokenizer.JsonFields;
import dev.rejection.tokenizer.Token;
import dev.rejection.tokenizer.model.Model;
import dev.rejection.tokenizer.model.Vocab;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * BERT's WordPiece: greedy longest match first, continuation pieces carry a prefix (##); a word with a piece
 * that cannot be matched, or longer than {@code max_input_chars_per_word} code points, is one unknown token.
 */
public final class WordPiece implements Model {
    private final Vocab vocab;
    private final String unkToken;
    private final int unkId;
    private final String prefix;
    private final int maxInputCharsPerWord;

    public WordPiece(Vocab vocab, String unkToken, String prefix, int maxInputCharsPerWord) {
        this.vocab = vocab;
        this.unkToken = unkToken;
        this.unkId = vocab.id(unkToken);
        this.prefix = prefix;
        this.maxInputCharsPerWord = maxInputCharsPerWord;
        if (unkId < 0) throw new IllegalArgumentException("WordPiece: unknown token '" + unkToken
                + "' is not in the vocabulary");
    }

    public static WordPiece fromJson(JsonFields f) {
        try {
            return new WordPiece(Vocab.fromJson(f, "vocab"), f.string("unk_token", "[UNK]"),
                    f.string("continuing_subword_prefix", "##"), f.integer("max_input_chars_per_word", 100));
        } catch (IllegalArgumentException e) {
            throw f.error(e.getMessage());
        }
    }

    @Override
    public List<Token> tokenize(String word) {
        if (word.codePointCount(0, word.length()) > maxInputCharsPerWord) return unknown(word);
        List<Token> out = new ArrayList<>(4);
        int start = 0;
        int n = word.length();
        while (start < n) {
            int end = n;
            Token found = null;
            while (start < end) {
                String piece = start > 0 ? prefix + word.substring(start, end) : word.substring(start, end);
                int id = vocab.id(piece);
                if (id >= 0) {
                    found = new Token(id, piece, start, end);
                    break;
                }
                end -= Character.isLowSurrogate(word.charAt(end - 1)) && end - 2 >= start ? 2 : 1;
            }
            if (found == null) return unknown(word);
            out.add(found);
            start = end;
        }
        return out;
    }

    private List<Token> unknown(String word) {
        return List.of(new Token(unkId, unkToken, 0, word.length()));
    }

    @Override
    public int tokenToId(String token) { return vocab.id(token); }

    @Override
    public String idToToken(int id) { return vocab.token(id); }

    @Override
    public Map<String, Integer> vocab() { return vocab.asMap(); }
}
