package dev.rejection.tokenizer.decoder;

import java.util.ArrayList;
import java.util.List;

/** Replaces the end-of-word suffix by a space (nothing after the last token). */
public final class BPEDecoder implements Decoder {
    private final String suffix;

    public BPEDecoder(String suffix) {
        this.suffix = suffix;
    }

    @Override
    public List<String> decodeChain(List<String> tokens) {
        List<String> out = new ArrayList<>(tokens.size());
        for (int i = 0; i < tokens.size(); i++) {
            out.add(tokens.get(i).replace(suffix, i == tokens.size() - 1 ? "" : " "));
        }
        return out;
    }
}
