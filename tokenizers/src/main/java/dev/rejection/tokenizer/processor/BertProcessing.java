package dev.rejection.tokenizer.processor;

import dev.rejection.tokenizer.Encoding;
import java.util.List;

/** BERT: {@code [CLS] text [SEP]}, type ids 0. */
public final class BertProcessing implements PostProcessor {
    private final Encodings.Special cls;
    private final Encodings.Special sep;

    public BertProcessing(String clsToken, int clsId, String sepToken, int sepId) {
        this.cls = new Encodings.Special(clsId, clsToken, 0);
        this.sep = new Encodings.Special(sepId, sepToken, 0);
    }

    @Override
    public int addedTokens() { return 2; }

    @Override
    public int addedTokensPair() { return 3; }

    /** {@code [CLS] A [SEP]} with type id 0, {@code B [SEP]} with type id 1. */
    @Override
    public Encoding[] processPair(String first, Encoding a, String second, Encoding b, boolean addSpecialTokens) {
        if (!addSpecialTokens) {
            return new Encoding[] {a, b};
        }
        Encodings.Special sepB = new Encodings.Special(sep.id(), sep.token(), 1);
        return new Encoding[] {Encodings.surround(a, List.of(cls), List.of(sep), 0),
                Encodings.surround(b, List.of(), List.of(sepB), 1)};
    }

    @Override
    public Encoding process(String text, Encoding encoding, boolean addSpecialTokens) {
        return addSpecialTokens ? Encodings.surround(encoding, List.of(cls), List.of(sep), 0) : encoding;
    }
}
