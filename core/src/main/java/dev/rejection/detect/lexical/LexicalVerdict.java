package dev.rejection.detect.lexical;

import java.util.List;

/**
 * What the lexical detector found in one text.
 *
 * @param score     refusal score in [0, 1] (see {@link LexicalDetector} for how it is derived)
 * @param rejection {@code score > threshold}
 * @param decisive  whether the evidence is clear enough to decide without a model: a strong refusal in the opening
 *                  and no counter-evidence anywhere (a decisive rejection), or counter-evidence in the opening and no
 *                  refusal phrase anywhere (a decisive normal answer); {@link #rejection()} says which
 * @param matches   every phrase match, in text order
 */
public record LexicalVerdict(double score, boolean rejection, boolean decisive, List<LexicalMatch> matches) {
    public LexicalVerdict {
        matches = List.copyOf(matches);
    }

    /** The matches that are refusal evidence (strong or weak). */
    public List<LexicalMatch> refusalMatches() {
        return matches.stream().filter(LexicalMatch::refusal).toList();
    }

    /** The matches that are counter-evidence. */
    public List<LexicalMatch> counterMatches() {
        return matches.stream().filter(m -> !m.refusal()).toList();
    }
}
