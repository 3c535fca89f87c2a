package dev.rejection.detect.lexical;

/** How much a phrase says about a text being a refusal. */
public enum Strength {
    /** On its own, the phrase marks a refusal ("I can't help with that"). */
    STRONG,
    /** Refusal-flavoured but common in normal answers too ("it is important to note"); counts with other evidence. */
    WEAK,
    /** Evidence of a normal answer ("Sure, here's", "I'm sorry to hear that"): pulls the score down. */
    COUNTER
}
