package dev.rejection.tokenizer.processor;

import dev.rejection.tokenizer.Encoding;
import java.util.List;

/** RoBERTa: {@code <s> text </s>}, type ids 0, with optional byte-level offset trimming. */
public final class RobertaProcessing implements PostProcessor {
    private final Encodings.Special cls;
    private final Encodings.Special sep;
    private final boolean trimOffsets;
    private final boolean addPrefixSpace;

    public RobertaProcessing(String clsToken, int clsId, String sepToken, int sepId, boolean trimOffsets,
                             boolean addPrefixSpace) {
        this.cls = new Encodings.Special(clsId, clsToken, 0);
        this.sep = new Encodings.Special(sepId, sepToken, 0);
        this.trimOffsets = trimOffsets;
        this.addPrefixSpace = addPrefixSpace;
    }

    @Override
    public int addedTokens() { return 2; }

    @Override
    public int addedTokensPair() { return 4; }

    /** {@code <s> A </s>} and {@code </s> B </s>}, type ids all 0 (RoBERTa has one token type). */
    @Override
    public Encoding[] processPair(String first, Encoding a, String second, Encoding b, boolean addSpecialTokens) {
        Encoding ta = trimOffsets ? Encodings.trimOffsets(first, a, addPrefixSpace) : a;
        Encoding tb = trimOffsets ? Encodings.trimOffsets(second, b, addPrefixSpace) : b;
        if (!addSpecialTokens) {
            return new Encoding[] {ta, tb};
        }
        return new Encoding[] {Encodings.surround(ta, List.of(cls), List.of(sep), 0),
                Encodings.surround(tb, List.of(sep), List.of(sep), 0)};
    }

    @Override
    public Encoding process(String text, Encoding encoding, boolean addSpecialTokens) {
        Encoding e = trimOffsets ? Encodings.trimOffsets(text, encoding, addPrefixSpace) : encoding;
        return addSpecialTokens ? Encodings.surround(e, List.of(cls), List.of(sep), 0) : e;
    }
}
