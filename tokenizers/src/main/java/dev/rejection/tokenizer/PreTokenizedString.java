package dev.rejection.tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The input as a list of splits (normalized strings) on its way to the model. Pre-tokenizers replace each
 * not-yet-tokenized split by the pieces they cut it into; splits that already carry tokens (added tokens) pass
 * through untouched.
 */
public final class PreTokenizedString {
    private List<Split> splits;

    public PreTokenizedString(List<Split> splits) {
        this.splits = splits;
    }

    public List<Split> splits() { return splits; }

    /** Replaces every untokenized split by the pieces {@code f} cuts it into (empty pieces are dropped). */
    public void split(Function<NormalizedString, List<NormalizedString>> f) {
        List<Split> out = new ArrayList<>(splits.size() * 4);
        for (Split s : splits) {
            if (s.tokens != null) {
                out.add(s);
                continue;
            }
            for (NormalizedString piece : f.apply(s.normalized)) {
                if (!piece.isEmpty()) out.add(new Split(piece, null));
            }
        }
        splits = out;
    }

    /**
     * One piece of the text: normalized text and, once a model (or the added vocabulary) has tokenized it, its
     * tokens (null until then).
     */
    public static final class Split {
        final NormalizedString normalized;
        List<Token> tokens;

        public Split(NormalizedString normalized, List<Token> tokens) {
            this.normalized = normalized;
            this.tokens = tokens;
        }

        public NormalizedString normalized() { return normalized; }

        public List<Token> tokens() { return tokens; }
    }
}
