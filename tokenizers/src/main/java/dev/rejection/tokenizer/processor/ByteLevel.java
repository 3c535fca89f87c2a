package dev.rejection.tokenizer.processor;

import dev.rejection.tokenizer.Encoding;

/** Byte-level post-processing: only the offset trimming, no special tokens. */
public final class ByteLevel implements PostProcessor {
    private final boolean trimOffsets;
    private final boolean addPrefixSpace;

    public ByteLevel(boolean trimOffsets, boolean addPrefixSpace) {
        this.trimOffsets = trimOffsets;
        this.addPrefixSpace = addPrefixSpace;
    }

    @Override
    public int addedTokens() { return 0; }

    @Override
    public int addedTokensPair() { return 0; }

    @Override
    public Encoding[] processPair(String first, Encoding a, String second, Encoding b, boolean addSpecialTokens) {
        return new Encoding[] {process(first, a, addSpecialTokens), process(second, b, addSpecialTokens)};
    }

    @Override
    public Encoding process(String text, Encoding encoding, boolean addSpecialTokens) {
        return trimOffsets ? Encodings.trimOffsets(text, encoding, addPrefixSpace) : encoding;
    }
}
