package dev.rejection.tokenizer.decoder;

import java.util.ArrayList;
import java.util.List;

/** Turns the replacement character (▁) back into spaces, dropping the one prepended to the first token. */
public final class Metaspace implements Decoder {
    private final char replacement;
    private final boolean prepended;

    public Metaspace(char replacement, boolean prepended) {
        this.replacement = replacement;
        this.prepended = prepended;
    }

    @Override
    public List<String> decodeChain(List<String> tokens) {
        List<String> out = new ArrayList<>(tokens.size());
        for (int i = 0; i < tokens.size(); i++) {
            StringBuilder sb = new StringBuilder();
            for (char c : tokens.get(i).toCharArray()) {
                if (c != replacement) sb.append(c);
                else if (i != 0 || !prepended) sb.append(' ');
            }
            out.add(sb.toString());
        }
        return out;
    }
}
