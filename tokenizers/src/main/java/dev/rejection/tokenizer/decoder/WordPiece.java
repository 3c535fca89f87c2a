package dev.rejection.tokenizer.decoder;

import java.util.ArrayList;
import java.util.List;

/** Joins WordPiece tokens: continuation pieces lose their prefix, others get a space; optional cleanup. */
public final class WordPiece implements Decoder {
    private final String prefix;
    private final boolean cleanup;

    public WordPiece(String prefix, boolean cleanup) {
        this.prefix = prefix;
        this.cleanup = cleanup;
    }

    @Override
    public List<String> decodeChain(List<String> tokens) {
        List<String> out = new ArrayList<>(tokens.size());
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            if (i != 0) token = token.startsWith(prefix) ? token.substring(prefix.length()) : " " + token;
            out.add(cleanup ? cleanup(token) : token);
        }
        return out;
    }

    /** Removes the spaces tokenization put before punctuation and English contractions. */
    static String cleanup(String s) {
        return s.replace(" .", ".").replace(" ?", "?").replace(" !", "!").replace(" ,", ",").replace(" ' ", "'")
                .replace(" n't", "n't").replace(" 'm", "'m").replace(" do not", " don't").replace(" 's", "'s")
                .replace(" 've", "'ve").replace(" 're", "'re");
    }
}
