package dev.rejection.tokenizer.decoder;

import java.util.List;

/** Applies decoders one after the other. */
public final class Sequence implements Decoder {
    private final List<Decoder> steps;

    public Sequence(List<Decoder> steps) {
        this.steps = List.copyOf(steps);
    }

    @Override
    public List<String> decodeChain(List<String> tokens) {
        List<String> t = tokens;
        for (Decoder d : steps) t = d.decodeChain(t);
        return t;
    }
}
