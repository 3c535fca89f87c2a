package dev.rejection.tokenizer.decoder;

import java.util.List;

/** Joins all tokens into one piece. */
public final class Fuse implements Decoder {
    @Override
    public List<String> decodeChain(List<String> tokens) {
        return List.of(String.join("", tokens));
    }
}
