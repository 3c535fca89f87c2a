package dev.rejection.tokenizer.processor;

import dev.rejection.tokenizer.Encoding;
import java.util.ArrayList;
import java.util.List;

/**
 * A template such as {@code [CLS] $A [SEP]} (and for pairs {@code [CLS] $A [SEP] $B [SEP]}): special tokens (each
 * possibly several ids) around the sequences, each piece with its type id.
 */
public final class TemplateProcessing implements PostProcessor {
    private final Layout single;
    private final Layout pairFirst;  // null without a pair template
    private final Layout pairSecond;

    /** A piece of a template: a special token's ids and tokens, or a sequence ({@code A} or {@code B}, null ids). */
    public record Piece(int[] ids, String[] tokens, int typeId, String sequence) {
        public Piece(int[] ids, String[] tokens, int typeId) {
            this(ids, tokens, typeId, null);
        }

        public static Piece sequence(int typeId) { return sequence("A", typeId); }

        public static Piece sequence(String which, int typeId) { return new Piece(null, null, typeId, which); }

        boolean isSequence() { return ids == null; }
    }

    /** One sequence with the special tokens that go before and after it, and its type id. */
    private record Layout(List<Encodings.Special> before, List<Encodings.Special> after, int typeId) {
        int added() { return before.size() + after.size(); }

        Encoding apply(Encoding e, boolean addSpecialTokens) {
            return addSpecialTokens ? Encodings.surround(e, before, after, typeId) : Encodings.withTypeId(e, typeId);
        }
    }

    public TemplateProcessing(List<Piece> single) {
        this(single, null);
    }

    /** @param pair the pair template ({@code $A} then {@code $B}); null when the tokenizer has none */
    public TemplateProcessing(List<Piece> single, List<Piece> pair) {
        List<Layout> s = layouts(single, "single");
        if (s.size() != 1) throw new IllegalArgumentException("the single template must hold one sequence, $A");
        this.single = s.get(0);
        if (pair == null) {
            this.pairFirst = null;
            this.pairSecond = null;
        } else {
            List<Layout> p = layouts(pair, "pair");
            if (p.size() != 2) throw new IllegalArgumentException("the pair template must hold $A and then $B");
            this.pairFirst = p.get(0);
            this.pairSecond = p.get(1);
        }
    }

    /**
     * Splits a template at its sequences: the specials before the first sequence and up to the next go with it, the
     * rest with the last.
     */
    private static List<Layout> layouts(List<Piece> template, String name) {
        List<Layout> out = new ArrayList<>();
        List<Encodings.Special> pending = new ArrayList<>();
        List<Encodings.Special> before = null;
        Integer typeId = null;
        String expected = "A";
        for (Piece p : template) {
            if (p.isSequence()) {
                if (!expected.equals(p.sequence())) {
                    throw new IllegalArgumentException("the " + name + " template has $" + p.sequence()
                            + " where $" + expected + " belongs");
                }
                if (typeId != null) out.add(new Layout(before, List.copyOf(pending), typeId));
                before = typeId == null ? List.copyOf(pending) : List.of();
                pending.clear();
                typeId = p.typeId();
                expected = "B";
                continue;
            }
            for (int i = 0; i < p.ids().length; i++) {
                pending.add(new Encodings.Special(p.ids()[i], p.tokens()[i], p.typeId()));
            }
        }
        if (typeId == null) throw new IllegalArgumentException("the " + name + " template has no $A sequence");
        out.add(new Layout(before, List.copyOf(pending), typeId));
        return out;
    }

    @Override
    public int addedTokens() { return single.added(); }

    @Override
    public int addedTokensPair() {
        return pairFirst == null ? single.added() : pairFirst.added() + pairSecond.added();
    }

    @Override
    public Encoding process(String text, Encoding encoding, boolean addSpecialTokens) {
        return single.apply(encoding, addSpecialTokens);
    }

    @Override
    public Encoding[] processPair(String first, Encoding a, String second, Encoding b, boolean addSpecialTokens) {
        if (pairFirst == null) {
            throw new IllegalStateException("this tokenizer's template has no pair form; it cannot encode a pair");
        }
        return new Encoding[] {pairFirst.apply(a, addSpecialTokens), pairSecond.apply(b, addSpecialTokens)};
    }
}
