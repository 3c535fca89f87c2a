package dev.rejection.tokenizer.model.bpe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rejection.tokenizer.JsonFields;
import dev.rejection.tokenizer.Token;
import dev.rejection.tokenizer.model.Model;
import dev.rejection.tokenizer.model.Vocab;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Byte-pair encoding: a word starts as its characters and the lowest-ranked adjacent pair in the merge list is
 * merged, leftmost first, until none is left. Options as in Hugging Face: a prefix for non-initial pieces, a
 * suffix for the final one, byte fallback ({@code <0xNN>} tokens) for unknown characters, fusing runs of unknown
 * tokens, and {@code ignore_merges} (a word that is itself in the vocabulary is taken whole). Dropout is not
 * supported (it is for training). Results are cached per word.
 */
public final class BPE implements Model {
    private static final int CACHE_CAPACITY = 10_000;
    private static final int MAX_CACHED_WORD = 256;

    private final Vocab vocab;
    private final MergeTable merges;
    private final String unkToken;
    private final String prefix;
    private final String suffix;
    private final boolean byteFallback;
    private final boolean fuseUnk;
    private final boolean ignoreMerges;
    private final Map<String, Word> cache = new ConcurrentHashMap<>();

    /** A tokenized word: ids and the UTF-16 range of each in the word. */
    private record Word(int[] ids, int[] ranges) {}

    /** {@code merges} are pairs of tokens in rank order. */
    public BPE(Vocab vocab, List<String[]> merges, String unkToken, String prefix, String suffix,
               boolean byteFallback, boolean fuseUnk, boolean ignoreMerges) {
        this.vocab = vocab;
        this.unkToken = unkToken;
        this.prefix = prefix == null ? "" : prefix;
        this.suffix = suffix == null ? "" : suffix;
        this.byteFallback = byteFallback;
        this.fuseUnk = fuseUnk;
        this.ignoreMerges = ignoreMerges;
        this.merges = new MergeTable(merges.size());
        int rank = 0;
        for (String[] m : merges) {
            int left = vocab.id(m[0]);
            int right = vocab.id(m[1]);
            String rightPart = !this.prefix.isEmpty() && m[1].startsWith(this.prefix)
                    ? m[1].substring(this.prefix.length()) : m[1];
            int merged = vocab.id(m[0] + rightPart);
            if (left < 0 || right < 0 || merged < 0) {
                throw new IllegalArgumentException("merge " + (rank + 1) + " '" + m[0] + " " + m[1]
                        + "' uses a token that is not in the vocabulary");
            }
            this.merges.put(left, right, rank++, merged);
        }
    }

    public static BPE fromJson(JsonFields f) {
        if (f.has("dropout") && f.get("dropout").asDouble() != 0.0) {
            throw f.error("BPE dropout " + f.get("dropout") + " is for training; this engine only encodes");
        }
        Vocab vocab = Vocab.fromJson(f, "vocab");
        List<String[]> merges = new ArrayList<>();
        int i = 0;
        for (JsonNode m : f.get("merges")) {
            String[] pair;
            if (m.isTextual()) {
                pair = m.asText().split(" ", -1);
            } else if (m.isArray() && m.size() == 2) {
                pair = new String[] {m.get(0).asText(), m.get(1).asText()};
            } else {
                pair = null;
            }
            if (pair == null || pair.length != 2) {
                throw f.error("merges[" + i + "] must be \"left right\" or [left, right], got " + m);
            }
            merges.add(pair);
            i++;
        }
        try {
            return new BPE(vocab, merges, f.optionalString("unk_token"), f.optionalString("continuing_subword_prefix"),
                    f.optionalString("end_of_word_suffix"), f.bool("byte_fallback", false), f.bool("fuse_unk", false),
                    f.bool("ignore_merges", false));
        } catch (IllegalArgumentException e) {
            throw f.error(e.getMessage());
        }
    }

    @Override
    public List<Token> tokenize(String word) {
        if (word.isEmpty()) return List.of();
        if (ignoreMerges) {
            int id = vocab.id(word);
            if (id >= 0) return List.of(new Token(id, word, 0, word.length()));
        }
        Word w = cache.get(word);
        if (w == null) {
            w = merge(word);
            if (word.length() <= MAX_CACHED_WORD && cache.size() < CACHE_CAPACITY) cache.put(word, w);
        }
        List<Token> out = new ArrayList<>(w.ids.length);
        for (int i = 0; i < w.ids.length; i++) {
            out.add(new Token(w.ids[i], vocab.token(w.ids[i]), w.ranges[2 * i], w.ranges[2 * i + 1]));
        }
        return out;
    }

    private Word merge(String word) {
        int n = word.length();
        int[] ids = new int[n * 4];
        int[] starts = new int[n * 4];
        int[] ends = new int[n * 4];
        int count = 0;
        int unk = unkToken == null ? -1 : vocab.id(unkToken);
        boolean previousUnk = false;
        for (int i = 0; i < n; ) {
            int cp = word.codePointAt(i);
            int end = i + Character.charCount(cp);
            String symbol = word.substring(i, end);
            if (i > 0) symbol = prefix + symbol;
            if (end == n) symbol = symbol + suffix;
            int id = vocab.id(symbol);
            if (id < 0 && byteFallback) {
                byte[] bytes = word.substring(i, end).getBytes(StandardCharsets.UTF_8);
                int[] byteIds = new int[bytes.length];
                boolean all = true;
                for (int b = 0; b < bytes.length && all; b++) {
                    byteIds[b] = vocab.id(String.format("<0x%02X>", bytes[b] & 0xFF));
                    all = byteIds[b] >= 0;
                }
                if (all) {
                    for (int byteId : byteIds) {
                        ids[count] = byteId;
                        starts[count] = i;
                        ends[count++] = end;
                    }
                    previousUnk = false;
                    i = end;
                    continue;
                }
            }
            if (id < 0) {
                if (unk >= 0) {
                    if (fuseUnk && previousUnk) {
                        ends[count - 1] = end;
                    } else {
                        ids[count] = unk;
                        starts[count] = i;
                        ends[count++] = end;
                    }
                    previousUnk = true;
                }
                i = end;
                continue;
            }
            previousUnk = false;
            ids[count] = id;
            starts[count] = i;
            ends[count++] = end;
            i = end;
        }
        // merge the lowest-ranked pair (leftmost on ties) until no pair merges
        while (count > 1) {
            long best = Long.MAX_VALUE;
            int at = -1;
            for (int k = 0; k + 1 < count; k++) {
                long m = merges.get(ids[k], ids[k + 1]);
                if (m >= 0 && (m >>> 32) < (best >>> 32)) {
                    best = m;
                    at = k;
                }
            }
            if (at < 0) break;
            ids[at] = (int) best;
            ends[at] = ends[at + 1];
            System.arraycopy(ids, at + 2, ids, at + 1, count - at - 2);
            System.arraycopy(starts, at + 2, starts, at + 1, count - at - 2);
            System.arraycopy(ends, at + 2, ends, at + 1, count - at - 2);
            count--;
        }
        int[] outIds = new int[count];
        int[] ranges = new int[2 * count];
        for (int k = 0; k < count; k++) {
            outIds[k] = ids[k];
            ranges[2 * k] = starts[k];
            ranges[2 * k + 1] = ends[k];
        }
        return new Word(outIds, ranges);
    }

    @Override
    public int tokenToId(String token) { return vocab.id(token); }

    @Override
    public String idToToken(int id) { return vocab.token(id); }

    @Override
    public Map<String, Integer> vocab() { return vocab.asMap(); }
}
