package dev.rejection.tokenizer.processor;

import dev.rejection.tokenizer.Encoding;
import java.util.List;

/** Applies post-processors one after the other. */
public final class Sequence implements PostProcessor {
    private final List<PostProcessor> steps;

    public Sequence(List<PostProcessor> steps) {
        this.steps = List.copyOf(steps);
    }

    @Override
    public int addedTokens() {
        int n = 0;
        for (PostProcessor p : steps) n += p.addedTokens();
        return n;
    }

    @Override
    public int addedTokensPair() {
        int n = 0;
        for (PostProcessor p : steps) n += p.addedTokensPair();
        return n;
    }

    @Override
    public Encoding[] processPair(String first, Encoding a, String second, Encoding b, boolean addSpecialTokens) {
        Encoding[] parts = {a, b};
        for (PostProcessor p : steps) parts = p.processPair(first, parts[0], second, parts[1], addSpecialTokens);
        return parts;
    }

    @Override
    public Encoding process(String text, Encoding encoding, boolean addSpecialTokens) {
        Encoding e = encoding;
        for (PostProcessor p : steps) e = p.process(text, e, addSpecialTokens);
        return e;
    }
}
