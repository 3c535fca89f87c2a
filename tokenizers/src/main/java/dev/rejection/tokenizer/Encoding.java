package dev.rejection.tokenizer;

import java.util.List;

/**
 * The result of tokenizing one text: token ids with their type ids, attention mask, special-token mask and the
 * character span each token came from in the original string.
 *
 * <p>Offsets are UTF-16 indices into the original Java {@code String} ({@code text.substring(start, end)} is the
 * token's source text); special tokens and padding have the span (0, 0), as in Hugging Face {@code tokenizers}.
 * Arrays are owned by the encoding and must not be modified by callers.
 */
public final class Encoding {
    private final int[] ids;
    private final int[] typeIds;
    private final String[] tokens;
    private final int[] offsets; // [start0, end0, start1, end1, ...]
    private final int[] specialTokensMask;
    private final int[] attentionMask;
    private final List<Encoding> overflowing;
    private final boolean truncated;
    private final int secondStart; // where the second sequence of a pair begins; -1 for a single sequence

    public Encoding(int[] ids, int[] typeIds, String[] tokens, int[] offsets, int[] specialTokensMask,
                    int[] attentionMask, List<Encoding> overflowing) {
        this(ids, typeIds, tokens, offsets, specialTokensMask, attentionMask, overflowing, !overflowing.isEmpty(), -1);
    }

    private Encoding(int[] ids, int[] typeIds, String[] tokens, int[] offsets, int[] specialTokensMask,
                     int[] attentionMask, List<Encoding> overflowing, boolean truncated, int secondStart) {
        int n = ids.length;
        if (typeIds.length != n || tokens.length != n || offsets.length != 2 * n
                || specialTokensMask.length != n || attentionMask.length != n) {
            throw new IllegalArgumentException("encoding arrays disagree in length: ids " + n + ", typeIds "
                    + typeIds.length + ", tokens " + tokens.length + ", offsets " + offsets.length / 2
                    + ", specialTokensMask " + specialTokensMask.length + ", attentionMask " + attentionMask.length);
        }
        this.ids = ids;
        this.typeIds = typeIds;
        this.tokens = tokens;
        this.offsets = offsets;
        this.specialTokensMask = specialTokensMask;
        this.attentionMask = attentionMask;
        this.overflowing = List.copyOf(overflowing);
        this.truncated = truncated;
        this.secondStart = secondStart;
    }

    /**
     * A pair's encoding: {@code first}'s tokens, then {@code second}'s, each with the offsets of its own text (as
     * in Hugging Face). {@link #truncated()} and {@link #cut()} are about the second text, the one being judged.
     */
    static Encoding pair(Encoding first, Encoding second, boolean secondTruncated) {
        int n = first.length() + second.length();
        int[] ids = new int[n];
        int[] typeIds = new int[n];
        String[] tokens = new String[n];
        int[] offsets = new int[2 * n];
        int[] special = new int[n];
        int[] attention = new int[n];
        int k = 0;
        for (Encoding e : List.of(first, second)) {
            System.arraycopy(e.ids, 0, ids, k, e.length());
            System.arraycopy(e.typeIds, 0, typeIds, k, e.length());
            System.arraycopy(e.tokens, 0, tokens, k, e.length());
            System.arraycopy(e.offsets, 0, offsets, 2 * k, 2 * e.length());
            System.arraycopy(e.specialTokensMask, 0, special, k, e.length());
            System.arraycopy(e.attentionMask, 0, attention, k, e.length());
            k += e.length();
        }
        return new Encoding(ids, typeIds, tokens, offsets, special, attention, List.of(), secondTruncated,
                first.length());
    }

    /** Where the second text's tokens (its special tokens included) begin in a pair; -1 for a single text. */
    public int secondStart() { return secondStart; }

    /** This encoding without its overflowing windows; {@link #truncated()} still says whether tokens were cut. */
    public Encoding withoutOverflowing() {
        return overflowing.isEmpty() ? this : new Encoding(ids, typeIds, tokens, offsets, specialTokensMask,
                attentionMask, List.of(), truncated, secondStart);
    }

    /** Number of tokens, special tokens and padding included. */
    public int length() { return ids.length; }

    public int[] ids() { return ids; }

    public int[] typeIds() { return typeIds; }

    public String[] tokens() { return tokens; }

    /** 1 for real tokens, 0 for padding. */
    public int[] attentionMask() { return attentionMask; }

    /** 1 for tokens added by the post-processor or marked special, 0 otherwise. */
    public int[] specialTokensMask() { return specialTokensMask; }

    /** Start (inclusive, UTF-16 index) of token {@code i} in the original text. */
    public int start(int i) { return offsets[2 * i]; }

    /** End (exclusive, UTF-16 index) of token {@code i} in the original text. */
    public int end(int i) { return offsets[2 * i + 1]; }

    /** Interleaved offsets: {@code [start0, end0, start1, end1, ...]}. */
    public int[] offsets() { return offsets; }

    /** Windows cut off by truncation (with the configured stride), each a full encoding of its own. */
    public List<Encoding> overflowing() { return overflowing; }

    /** True when truncation removed tokens from this encoding. */
    public boolean truncated() { return truncated; }

    /**
     * Where truncation cut the original text: the end of the last token kept that came from it (UTF-16 index); -1
     * when nothing was cut. What a reader of the truncated text saw is {@code text.substring(0, cut())}. In a
     * pair, the text is the second one.
     */
    public int cut() {
        if (!truncated()) {
            return -1;
        }
        int end = 0;
        for (int i = Math.max(0, secondStart); i < ids.length; i++) {
            if (specialTokensMask[i] == 0 && attentionMask[i] == 1) {
                end = Math.max(end, end(i));
            }
        }
        return end;
    }
}
