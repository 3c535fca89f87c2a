package dev.rejection.tokenizer;

import dev.rejection.tokenizer.PreTokenizedString.Split;
import dev.rejection.tokenizer.decoder.Decoder;
import dev.rejection.tokenizer.model.Model;
import dev.rejection.tokenizer.normalizer.Normalizer;
import dev.rejection.tokenizer.pretokenizer.PreTokenizer;
import dev.rejection.tokenizer.processor.PostProcessor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

/**
 * A Hugging Face tokenizer in pure Java, assembled from a {@code tokenizer.json} (or the legacy vocabulary files):
 * added tokens → normalizer → pre-tokenizer → model → truncation → post-processor → padding, as the Rust
 * {@code tokenizers} library runs them. Immutable and thread-safe; {@link #withTruncation} and
 * {@link #withPadding} return configured copies.
 */
public final class Tokenizer {
    private final Normalizer normalizer;
    private final PreTokenizer preTokenizer;
    private final Model model;
    private final PostProcessor postProcessor;
    private final Decoder decoder;
    private final AddedVocabulary addedVocabulary;
    private final Truncation truncation;
    private final Padding padding;
    private final String padToken;
    /** Whether a prefix cut at a space cut, or at a CJK cut, keeps the text's first tokens ({@link SpaceCuts}). */
    private final boolean spaceCuts;
    private final boolean cjkCuts;

    Tokenizer(Normalizer normalizer, PreTokenizer preTokenizer, Model model, PostProcessor postProcessor,
              Decoder decoder, List<AddedToken> addedTokens, Truncation truncation, Padding padding,
              String padToken) {
        this(normalizer, preTokenizer, model, postProcessor, decoder, new AddedVocabulary(addedTokens, normalizer),
                truncation, padding, padToken);
    }

    private Tokenizer(Normalizer normalizer, PreTokenizer preTokenizer, Model model, PostProcessor postProcessor,
                      Decoder decoder, AddedVocabulary addedVocabulary, Truncation truncation, Padding padding,
                      String padToken) {
        this.normalizer = normalizer;
        this.preTokenizer = preTokenizer;
        this.model = model;
        this.postProcessor = postProcessor;
        this.decoder = decoder;
        this.addedVocabulary = addedVocabulary;
        this.truncation = truncation;
        this.padToken = padToken;
        this.padding = padding == null ? null : resolvePadding(padding);
        this.spaceCuts = SpaceCuts.hold(normalizer, preTokenizer, addedVocabulary.tokens());
        this.cjkCuts = SpaceCuts.cjkHold(normalizer, preTokenizer, addedVocabulary.tokens());
    }

    /** Loads a {@code tokenizer.json} file. */
    public static Tokenizer fromFile(Path tokenizerJson) {
        return TokenizerJson.load(tokenizerJson);
    }

    /**
     * Loads the tokenizer of a model directory: {@code tokenizer.json}, else {@code vocab.json} + {@code merges.txt}
     * (GPT-2/RoBERTa byte-level BPE) or {@code vocab.txt} (BERT WordPiece), configured by
     * {@code tokenizer_config.json} and {@code special_tokens_map.json}.
     */
    public static Tokenizer fromDirectory(Path modelDir) {
        Path json = modelDir.resolve("tokenizer.json");
        if (java.nio.file.Files.isRegularFile(json)) return fromFile(json);
        return LegacyTokenizer.load(modelDir);
    }

    /** Parses tokenizer.json content; {@code sourceName} names it in errors. */
    public static Tokenizer fromJson(String json, String sourceName) {
        return TokenizerJson.parse(json, sourceName);
    }

    /** The truncation in force, or null. */
    public Truncation truncation() { return truncation; }

    /** The padding in force, or null. */
    public Padding padding() { return padding; }

    public Tokenizer withTruncation(Truncation t) {
        if (t.strategy() == Truncation.Strategy.ONLY_SECOND) {
            throw new IllegalArgumentException("truncation ONLY_SECOND needs a second sequence; this tokenizer "
                    + "encodes single texts");
        }
        if (t.maxLength() < numSpecialTokensToAdd()) {
            throw new IllegalArgumentException("truncation max length " + t.maxLength() + " is below the "
                    + numSpecialTokensToAdd() + " special tokens every encoding gets");
        }
        return new Tokenizer(normalizer, preTokenizer, model, postProcessor, decoder, addedVocabulary, t, padding,
                padToken);
    }

    public Tokenizer withoutTruncation() {
        return new Tokenizer(normalizer, preTokenizer, model, postProcessor, decoder, addedVocabulary, null,
                padding, padToken);
    }

    public Tokenizer withPadding(Padding p) {
        return new Tokenizer(normalizer, preTokenizer, model, postProcessor, decoder, addedVocabulary, truncation,
                p, padToken);
    }

    public Tokenizer withoutPadding() {
        return new Tokenizer(normalizer, preTokenizer, model, postProcessor, decoder, addedVocabulary, truncation,
                null, padToken);
    }

    private Padding resolvePadding(Padding p) {
        if (p.padToken() != null) return p;
        OptionalInt id = padId();
        if (id.isEmpty()) {
            throw new IllegalArgumentException("this tokenizer has no pad token; give one with Padding.withPadToken");
        }
        return p.withPadToken(padToken, id.getAsInt(), p.padTypeId());
    }

    /** Id of the pad token (from the padding settings or the tokenizer's pad token), if it has one. */
    public OptionalInt padId() {
        if (padding != null) return OptionalInt.of(padding.padId());
        return padToken == null ? OptionalInt.empty() : tokenToId(padToken);
    }

    /** Id of a token, added tokens included. */
    public OptionalInt tokenToId(String token) {
        int id = addedVocabulary.id(token);
        if (id < 0) id = model.tokenToId(token);
        return id < 0 ? OptionalInt.empty() : OptionalInt.of(id);
    }

    /** Token of an id, added tokens included; null when the id is unknown. */
    public String idToToken(int id) {
        AddedToken added = addedVocabulary.token(id);
        return added != null ? added.content() : model.idToToken(id);
    }

    /** Number of distinct tokens, added tokens included. */
    public int vocabSize() {
        int n = model.vocab().size();
        for (AddedToken t : addedVocabulary.tokens()) if (!model.vocab().containsKey(t.content())) n++;
        return n;
    }

    /** Special tokens the post-processor adds to a pair ({@link #encodePair}). */
    public int numSpecialTokensToAddPair() {
        return postProcessor == null ? 0 : postProcessor.addedTokensPair();
    }

    /** Special tokens the post-processor adds to a single sequence. */
    public int numSpecialTokensToAdd() {
        return postProcessor == null ? 0 : postProcessor.addedTokens();
    }

    /** Encodes with special tokens. */
    public Encoding encode(String text) {
        return encode(text, true);
    }

    public Encoding encode(String text, boolean addSpecialTokens) {
        Encoding e = finish(text, tokenize(text), addSpecialTokens);
        return padding == null ? e : pad(e, padding.target(e.length()));
    }

    /**
     * What {@link #encode(String, boolean)} gives, without the overflowing windows, reading no more of a long text
     * than its kept tokens need: with right truncation, a prefix ending at a {@link SpaceCuts space or CJK cut} is
     * tokenized — at least {@value #HEAD_CHARS_PER_TOKEN} characters per kept token, doubled until it yields more
     * tokens than are kept or is the whole text — so a 50 MB text costs what a few kilobytes do. The tokens are
     * those of the whole text (see {@link SpaceCuts}); {@link Encoding#truncated()} is true when tokens were cut.
     * Without right truncation, with stages that do not keep space cuts, or in a text with no space cut past the
     * first prefix, the whole text is tokenized.
     */
    public Encoding encodeHead(String text, boolean addSpecialTokens) {
        if (truncation == null || truncation.direction() != Truncation.Direction.RIGHT || !(spaceCuts || cjkCuts)) {
            return encode(text, addSpecialTokens).withoutOverflowing();
        }
        int kept = truncation.maxLength() - (addSpecialTokens ? numSpecialTokensToAdd() : 0);
        Encoding e = finish(text, tokenizeHead(text, kept), addSpecialTokens).withoutOverflowing();
        return padding == null ? e : pad(e, padding.target(e.length()));
    }

    /**
     * Encodes a text pair the way Hugging Face does for this tokenizer's post-processor (RoBERTa
     * {@code <s> A </s></s> B </s>}, BERT {@code [CLS] A [SEP] B [SEP]} with type ids 0 then 1, or the template's
     * pair), for judging {@code second} (an answer) given {@code first} (its prompt). Offsets point into each token's
     * own text; {@link Encoding#truncated()} and {@link Encoding#cut()} are about {@code second}; no overflowing
     * windows. Only as much of each text is tokenized as can be kept.
     *
     * <p>Truncation (our rule, not Hugging Face's longest-first): when the two do not fit, the first text is cut
     * first, down to what the second leaves but never below a quarter of the room (or its own length), and the
     * second takes the rest; each is cut in the truncation's direction.
     */
    public Encoding encodePair(String first, String second, boolean addSpecialTokens) {
        int added = addSpecialTokens && postProcessor != null ? postProcessor.addedTokensPair() : 0;
        Encoding a;
        Encoding b;
        if (truncation == null) {
            a = tokenize(first);
            b = tokenize(second);
        } else {
            int room = Math.max(0, truncation.maxLength() - added);
            a = tokenizeHead(first, room);
            b = tokenizeHead(second, room);
            if (a.length() + b.length() > room) {
                int keepFirst = Math.max(Math.min(a.length(), room / 4), Math.min(a.length(), room - b.length()));
                int keepSecond = Math.min(b.length(), room - keepFirst);
                a = truncate(a, keepFirst, 0, truncation.direction()).withoutOverflowing();
                b = truncate(b, keepSecond, 0, truncation.direction()).withoutOverflowing();
            }
        }
        boolean secondTruncated = b.truncated();
        if (postProcessor != null) {
            Encoding[] parts = postProcessor.processPair(first, a.withoutOverflowing(), second, b.withoutOverflowing(),
                    addSpecialTokens);
            a = parts[0];
            b = parts[1];
        }
        if (padding != null) {
            int target = padding.target(a.length() + b.length());
            if (padding.direction() == Truncation.Direction.RIGHT) {
                b = pad(b, target - a.length());
            } else {
                a = pad(a, target - b.length());
            }
        }
        return Encoding.pair(a, b, secondTruncated);
    }

    /**
     * The tokens of {@code text}, or of a prefix of it ending at a space cut that holds more than {@code kept} tokens
     * (see {@link #encodeHead}); the whole text when its stages do not keep space cuts.
     */
    private Encoding tokenizeHead(String text, int kept) {
        if (!(spaceCuts || cjkCuts)) {
            return tokenize(text);
        }
        long budget = Math.max(1024, (long) HEAD_CHARS_PER_TOKEN * kept);
        while (true) {
            int cut = SpaceCuts.atOrAfter(text, (int) Math.min(budget, text.length()), spaceCuts, cjkCuts);
            Encoding tokens = tokenize(cut == text.length() ? text : text.substring(0, cut));
            if (cut == text.length() || tokens.length() > kept) {
                return tokens;
            }
            budget = 2L * cut;
        }
    }

    /** Characters of a long text first tokenized per kept token by {@link #encodeHead}. */
    private static final int HEAD_CHARS_PER_TOKEN = 8;

    /** Encodes each text; with padding set, pads them all to the batch's longest (or the fixed length). */
    public List<Encoding> encodeBatch(List<String> texts, boolean addSpecialTokens) {
        List<Encoding> out = new ArrayList<>(texts.size());
        int longest = 0;
        for (String t : texts) {
            Encoding e = finish(t, tokenize(t), addSpecialTokens);
            longest = Math.max(longest, e.length());
            out.add(e);
        }
        if (padding == null) return out;
        int target = padding.target(longest);
        out.replaceAll(e -> pad(e, target));
        return out;
    }

    /** Decodes ids back into text (special tokens dropped when asked). */
    public String decode(int[] ids, boolean skipSpecialTokens) {
        List<String> tokens = new ArrayList<>(ids.length);
        for (int id : ids) {
            AddedToken added = addedVocabulary.token(id);
            if (added != null && added.special() && skipSpecialTokens) continue;
            String token = added != null ? added.content() : model.idToToken(id);
            if (token != null) tokens.add(token);
        }
        return decoder == null ? String.join(" ", tokens) : decoder.decode(tokens);
    }

    /** The model's tokens for {@code text}, offsets in the original, before truncation and post-processing. */
    private Encoding tokenize(String text) {
        PreTokenizedString pts = new PreTokenizedString(addedVocabulary.extractAndNormalize(text, normalizer));
        if (preTokenizer != null) preTokenizer.preTokenize(pts);
        int total = 0;
        for (Split s : pts.splits()) {
            if (s.tokens == null) s.tokens = model.tokenize(s.normalized.toString());
            total += s.tokens.size();
        }
        int[] ids = new int[total];
        String[] values = new String[total];
        int[] offsets = new int[2 * total];
        int k = 0;
        for (Split s : pts.splits()) {
            NormalizedString ns = s.normalized;
            for (Token t : s.tokens) {
                ids[k] = t.id();
                values[k] = t.value();
                offsets[2 * k] = ns.originalStart(t.start(), t.end());
                offsets[2 * k + 1] = ns.originalEnd(t.start(), t.end());
                k++;
            }
        }
        int[] ones = new int[total];
        Arrays.fill(ones, 1);
        return new Encoding(ids, new int[total], values, offsets, new int[total], ones, List.of());
    }

    /** Truncation and post-processing. */
    private Encoding finish(String text, Encoding e, boolean addSpecialTokens) {
        if (truncation != null) {
            int max = truncation.maxLength() - (addSpecialTokens ? numSpecialTokensToAdd() : 0);
            e = truncate(e, max, truncation.stride(), truncation.direction());
        }
        return postProcessor == null ? e : postProcessor.process(text, e, addSpecialTokens);
    }

    /** Cuts to {@code max} tokens; the rest becomes overflowing windows stepping by {@code max - stride}. */
    static Encoding truncate(Encoding e, int max, int stride, Truncation.Direction direction) {
        int n = e.length();
        if (max >= n) return e;
        if (max == 0) return slice(e, 0, 0, List.of(e));
        if (stride >= max) {
            throw new IllegalArgumentException("truncation stride " + stride + " must be below the "
                    + max + " tokens left for the text");
        }
        int step = max - stride;
        List<int[]> ranges = new ArrayList<>();
        if (direction == Truncation.Direction.RIGHT) {
            for (int start = 0; start < n; start += step) {
                int stop = Math.min(start + max, n);
                ranges.add(new int[] {start, stop});
                if (stop == n) break;
            }
        } else {
            for (int stop = n; stop > 0; stop -= step) {
                int start = Math.max(stop - max, 0);
                ranges.add(new int[] {start, stop});
                if (start == 0) break;
            }
        }
        List<Encoding> overflowing = new ArrayList<>(ranges.size() - 1);
        for (int i = 1; i < ranges.size(); i++) {
            overflowing.add(slice(e, ranges.get(i)[0], ranges.get(i)[1], List.of()));
        }
        return slice(e, ranges.get(0)[0], ranges.get(0)[1], overflowing);
    }

    private static Encoding slice(Encoding e, int from, int to, List<Encoding> overflowing) {
        return new Encoding(Arrays.copyOfRange(e.ids(), from, to), Arrays.copyOfRange(e.typeIds(), from, to),
                Arrays.copyOfRange(e.tokens(), from, to), Arrays.copyOfRange(e.offsets(), 2 * from, 2 * to),
                Arrays.copyOfRange(e.specialTokensMask(), from, to), Arrays.copyOfRange(e.attentionMask(), from, to),
                overflowing);
    }

    /** Pads {@code e} and its overflowing windows to {@code target} tokens. */
    private Encoding pad(Encoding e, int target) {
        List<Encoding> overflowing = new ArrayList<>(e.overflowing().size());
        for (Encoding o : e.overflowing()) overflowing.add(pad(o, target));
        int n = e.length();
        if (n >= target) {
            return overflowing.isEmpty() ? e : new Encoding(e.ids(), e.typeIds(), e.tokens(), e.offsets(),
                    e.specialTokensMask(), e.attentionMask(), overflowing);
        }
        int extra = target - n;
        int at = padding.direction() == Truncation.Direction.RIGHT ? 0 : extra; // where the real tokens go
        int[] ids = new int[target];
        int[] typeIds = new int[target];
        String[] tokens = new String[target];
        int[] offsets = new int[2 * target];
        int[] special = new int[target];
        int[] attention = new int[target];
        Arrays.fill(ids, padding.padId());
        Arrays.fill(typeIds, padding.padTypeId());
        Arrays.fill(tokens, padding.padToken());
        Arrays.fill(special, 1);
        System.arraycopy(e.ids(), 0, ids, at, n);
        System.arraycopy(e.typeIds(), 0, typeIds, at, n);
        System.arraycopy(e.tokens(), 0, tokens, at, n);
        System.arraycopy(e.offsets(), 0, offsets, 2 * at, 2 * n);
        System.arraycopy(e.specialTokensMask(), 0, special, at, n);
        System.arraycopy(e.attentionMask(), 0, attention, at, n);
        return new Encoding(ids, typeIds, tokens, offsets, special, attention, overflowing);
    }
}
