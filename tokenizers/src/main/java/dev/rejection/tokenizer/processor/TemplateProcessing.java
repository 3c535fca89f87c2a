package dev.rejection.tokenizer.processor;

import dev.rejection.tokenizer.Encoding;
import java.util.ArrayList;
import java.util.List;

/**
 * A template such as {@code [CLS] $A [SEP]}: special tokens (each possibly several ids) around the sequence,
 * each piece with its type id. Only the single-sequence template is used (this engine encodes single texts).
 */
public final class TemplateProcessing implements PostProcessor {
    private final List<Encodings.Special> before;
    private final List<Encodings.Special> after;
    private final int sequenceTypeId;

    /** A piece of the template: a special token's ids and tokens, or the sequence (null ids). */
    public record Piece(int[] ids, String[] tokens, int typeId) {
        public static Piece sequence(int typeId) { return new Piece(null, null, typeId); }

        boolean isSequence() { return ids == null; }
    }

    public TemplateProcessing(List<Piece> single) {
        List<Encodings.Special> b = new ArrayList<>();
        List<Encodings.Special> a = new ArrayList<>();
        Integer typeId = null;
        for (Piece p : single) {
            if (p.isSequence()) {
                if (typeId != null) throw new IllegalArgumentException("template has the sequence twice");
                typeId = p.typeId();
                continue;
            }
            for (int i = 0; i < p.ids().length; i++) {
                (typeId == null ? b : a).add(new Encodings.Special(p.ids()[i], p.tokens()[i], p.typeId()));
            }
        }
        if (typeId == null) throw new IllegalArgumentException("template has no $A sequence");
        this.before = List.copyOf(b);
        this.after = List.copyOf(a);
        this.sequenceTypeId = typeId;
    }

    @Override
    public int addedTokens() { return before.size() + after.size(); }

    @Override
    public Encoding process(String text, Encoding encoding, boolean addSpecialTokens) {
        return addSpecialTokens ? Encodings.surround(encoding, before, after, sequenceTypeId)
                : Encodings.withTypeId(encoding, sequenceTypeId);
    }
}
