package dev.rejection.tokenizer.decoder;

import java.util.List;

/** Turns tokens back into text; decoders chain, each working on the previous one's pieces. */
public interface Decoder {
    List<String> decodeChain(List<String> tokens);

    default String decode(List<String> tokens) {
        return String.join("", decodeChain(tokens));
    }
}
