package dev.rejection.eval;

import java.util.List;

/** Anything that gives P(REJECTION) for texts: a detector, a mode, a baseline. */
@FunctionalInterface
public interface Scorer {
    /** One probability in [0, 1] per text, in input order. */
    double[] score(List<String> texts);
}
