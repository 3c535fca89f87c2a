package dev.rejection.eval;

import java.util.List;

/** Anything that gives P(REJECTION) for texts: a detector, a mode, a baseline. */
@FunctionalInterface
public interface Scorer {
    /** One probability in [0, 1] per text, in input order. */
    double[] score(List<String> texts);

    /**
     * One probability per answer, each read after its prompt (null items: none); scorers that read answers alone
     * refuse prompts.
     */
    default double[] score(List<String> prompts, List<String> texts) {
        if (prompts.stream().anyMatch(java.util.Objects::nonNull)) {
            throw new UnsupportedOperationException("this detector reads answers alone; it takes no prompt");
        }
        return score(texts);
    }
}
