package dev.rejection.tokenizer.pretokenizer;

import dev.rejection.tokenizer.PreTokenizedString;
import java.util.List;

/** Applies pre-tokenizers one after the other. */
public final class Sequence implements PreTokenizer {
    private final List<PreTokenizer> steps;

    public Sequence(List<PreTokenizer> steps) {
        this.steps = List.copyOf(steps);
    }

    @Override
    public void preTokenize(PreTokenizedString text) {
        for (PreTokenizer step : steps) step.preTokenize(text);
    }

    /** When the first step splits at space cuts, the later ones see the same words before the cut, one by one. */
    @Override
    public boolean splitsAtSpaceCuts() {
        return !steps.isEmpty() && steps.get(0).splitsAtSpaceCuts();
    }

    /** As for space cuts: the first step's words, split further, never joined. */
    @Override
    public boolean splitsAtWhitespace() {
        return !steps.isEmpty() && steps.get(0).splitsAtWhitespace();
    }
}
