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
    public Encoding process(String text, Encoding encoding, boolean addSpecialTokens) {
        Encoding e = trimOffsets ? Encodings.trimOffsets(text, encoding, addPrefixSpace) : encoding;
        return addSpecialTokens ? Encodings.surround(e, List.of(cls), List.of(sep), 0) : e;
    }
}
