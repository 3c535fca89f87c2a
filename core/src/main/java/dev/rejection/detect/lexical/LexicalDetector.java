package dev.rejection.detect.lexical;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Tells refusals from normal answers by the phrases they contain, with no model: microseconds per text.
 *
 * <p>A text is normalised ({@link LexicalNormalizer}), split into word tokens, and matched against the compiled
 * phrase set in one pass. A match is in the <em>opening</em> when it starts in the first sentence or in the first
 * {@value #OPENING_CHARS} normalised characters. The evidence becomes the feature vector {@link #FEATURE_NAMES}, and
 * the score is a logistic function of it with hand-set weights:
 *
 * <pre>
 * z = -3
 *     + 6.0 * strong_opening          (a strong refusal phrase, or a whole-text terse refusal, in the opening)
 *     + 3.5 * strong_later            (a strong refusal phrase after the opening)
 *     + 1.5 * weak_kinds              (distinct categories of weak evidence anywhere, at most 3)
 *     + 0.5 * weak_opening            (some weak evidence in the opening)
 *     - 2.0 * counter_opening         (e.g. "Sure, here's", "I'm sorry to hear that" in the opening)
 *     - 1.0 * counter_later
 * score = 1 / (1 + e^-z)
 * </pre>
 *
 * So a strong opening refusal alone scores 0.95, one after the opening 0.62; weak evidence of one kind alone
 * ("As an AI language model, I don't have personal opinions") stays below 0.5 (0.27 in the opening), two kinds
 * (a disclaimer and a moralising hedge) in the opening reach 0.62; counter-evidence in the opening lowers a strong opening refusal to 0.73 ("I apologise for
 * the confusion, but I cannot...") and keeps a strong refusal after a "Sure, here's" opening below 0.5. A text is a
 * rejection when {@code score > threshold} (strict, as in the model detector; default 0.5).
 *
 * <p>Immutable and thread-safe.
 */
public final class LexicalDetector {
    /** How many normalised characters from the start count as the opening, besides the first sentence. */
    public static final int OPENING_CHARS = 160;

    /** The phrase set shipped with the library. */
    public static final String DEFAULT_RESOURCE = "/dev/rejection/lexicon/refusal-phrases.txt";

    /**
     * Names of {@link #features(String)}, in order: presence (0/1) of strong, weak and counter evidence in the
     * opening and later; {@code weak_kinds}: distinct categories of weak evidence anywhere (at most 3); {@code whole}: the text is a terse
     * refusal as a whole; {@code first_refusal}: where the first refusal match starts, as a fraction of the text
     * (1 when none); {@code refusal_matches}: ln(1 + refusal matches); {@code log_length}: ln(1 + normalised
     * characters); {@code score}: the lexical score.
     */
    public static final List<String> FEATURE_NAMES = List.of("strong_opening", "strong_later", "weak_opening",
            "weak_later", "weak_kinds", "counter_opening", "counter_later", "whole", "first_refusal", "refusal_matches",
            "log_length", "score");

    private final PhraseTrie trie;
    private final int phraseCount;
    private final double threshold;

    private LexicalDetector(PhraseTrie trie, int phraseCount, double threshold) {
        this.trie = trie;
        this.phraseCount = phraseCount;
        this.threshold = threshold;
    }

    /**
     * The detector with the phrase set shipped in the library ({@value #DEFAULT_RESOURCE}), built once per JVM on first
     * call (~0.2 s in a cold one) and shared, so that a cascade, a streaming read and the evidence gate in one process
     * build it once.
     */
    public static LexicalDetector defaults() {
        return Shipped.DETECTOR;
    }

    /** The shipped detector, built when first asked for (the holder idiom: the JVM makes it once, thread-safely). */
    private static final class Shipped {
        static final LexicalDetector DETECTOR = readShipped();
    }

    private static LexicalDetector readShipped() {
        try (InputStream in = LexicalDetector.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("phrase resource " + DEFAULT_RESOURCE + " missing from the classpath");
            }
            return fromString(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read phrase resource " + DEFAULT_RESOURCE, e);
        }
    }

    /** A detector with the phrases of a file (format: {@link PhraseFile}). */
    public static LexicalDetector fromFile(Path file) throws IOException {
        return fromString(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /** A detector with the phrases in {@code content}; {@code source} names it in errors and matches. */
    public static LexicalDetector fromString(String content, String source) {
        List<PhraseFile.Entry> entries = PhraseFile.parse(content, source);
        return new LexicalDetector(new PhraseTrie(entries), entries.size(), 0.5);
    }

    /** A copy deciding rejection at {@code score > threshold}. */
    public LexicalDetector withThreshold(double threshold) {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in [0, 1], got " + threshold);
        }
        return new LexicalDetector(trie, phraseCount, threshold);
    }

    /** The decision threshold. */
    public double threshold() {
        return threshold;
    }

    /** Number of phrases in the set. */
    public int phraseCount() {
        return phraseCount;
    }

    /** Scores one text. */
    public LexicalVerdict score(String text) {
        Evidence evidence = evidence(text);
        double score = evidence.score();
        boolean rejection = score > threshold;
        boolean decisive = rejection
                ? evidence.strongOpening && evidence.counterOpening == 0 && evidence.counterLater == 0
                : evidence.counterOpening > 0 && evidence.refusalMatches == 0;
        return new LexicalVerdict(score, rejection, decisive, evidence.matches);
    }

    /** The evidence as a fixed-length vector, in the order of {@link #FEATURE_NAMES}. */
    public double[] features(String text) {
        return evidence(text).features();
    }

    private Evidence evidence(String text) {
        if (text == null) {
            throw new IllegalArgumentException("text is null");
        }
        NormalizedText normalized = LexicalNormalizer.normalize(text);
        String s = normalized.normalized();
        WordTokens tokens = WordTokens.of(s);
        Evidence evidence = new Evidence(s.length());
        for (PhraseTrie.Hit hit : mostSpecific(trie.match(s, tokens), tokens)) {
            Phrase phrase = hit.phrase();
            boolean opening = isOpening(tokens, hit.first());
            int[] span = normalized.originalSpan(tokens.start[hit.first()], tokens.end[hit.end() - 1]);
            evidence.add(new LexicalMatch(phrase, span[0], span[1], text.substring(span[0], span[1]), opening),
                    tokens.start[hit.first()]);
        }
        return evidence;
    }

    private static boolean isOpening(WordTokens tokens, int token) {
        return tokens.start[token] < OPENING_CHARS || tokens.sentence[token] == 0;
    }

    /**
     * The hits that count: those whose position constraint holds and that are, among those starting at the same
     * word, the longest. The most specific phrase at a place wins, as in a lexer's longest match, so a longer
     * disclaimer ("I cannot provide personal opinions") overrides a shorter refusal ("I cannot provide") there.
     */
    private static List<PhraseTrie.Hit> mostSpecific(List<PhraseTrie.Hit> hits, WordTokens tokens) {
        List<PhraseTrie.Hit> valid = new ArrayList<>(hits.size());
        for (PhraseTrie.Hit hit : hits) {
            Position position = hit.phrase().position();
            if (position == Position.OPENING && !isOpening(tokens, hit.first())
                    || position == Position.WHOLE && (hit.first() != 0 || hit.end() != tokens.size)) {
                continue;
            }
            valid.add(hit);
        }
        List<PhraseTrie.Hit> kept = new ArrayList<>(valid.size());
        int i = 0;
        while (i < valid.size()) { // hits come grouped by first token
            int j = i;
            int longest = 0;
            while (j < valid.size() && valid.get(j).first() == valid.get(i).first()) {
                longest = Math.max(longest, valid.get(j).end());
                j++;
            }
            for (int k = i; k < j; k++) {
                if (valid.get(k).end() == longest) {
                    kept.add(valid.get(k));
                }
            }
            i = j;
        }
        return kept;
    }

    /** The evidence gathered from one text, and the score it implies. */
    private static final class Evidence {
        final List<LexicalMatch> matches = new ArrayList<>();
        private final Set<String> weakKinds = new HashSet<>();
        private final int length;
        boolean strongOpening;
        boolean strongLater;
        boolean weakOpening;
        boolean weakLater;
        boolean whole;
        int counterOpening;
        int counterLater;
        int refusalMatches;
        int firstRefusal = -1;

        Evidence(int length) {
            this.length = length;
        }

        void add(LexicalMatch match, int normalizedStart) {
            matches.add(match);
            Phrase phrase = match.phrase();
            switch (phrase.strength()) {
                case STRONG -> {
                    if (match.opening()) {
                        strongOpening = true;
                    } else {
                        strongLater = true;
                    }
                }
                case WEAK -> {
                    weakKinds.add(phrase.category());
                    if (match.opening()) {
                        weakOpening = true;
                    } else {
                        weakLater = true;
                    }
                }
                case COUNTER -> {
                    if (match.opening()) {
                        counterOpening++;
                    } else {
                        counterLater++;
                    }
                }
            }
            if (phrase.position() == Position.WHOLE && phrase.strength() != Strength.COUNTER) {
                whole = true;
            }
            if (match.refusal()) {
                refusalMatches++;
                if (firstRefusal < 0) {
                    firstRefusal = normalizedStart;
                }
            }
        }

        double score() {
            double z = -3
                    + 6.0 * bit(strongOpening || whole)
                    + 3.5 * bit(strongLater)
                    + 1.5 * Math.min(weakKinds.size(), 3)
                    + 0.5 * bit(weakOpening)
                    - 2.0 * bit(counterOpening > 0)
                    - 1.0 * bit(counterLater > 0);
            return 1 / (1 + Math.exp(-z));
        }

        double[] features() {
            return new double[] {
                bit(strongOpening || whole), bit(strongLater), bit(weakOpening), bit(weakLater), Math.min(weakKinds.size(), 3),
                bit(counterOpening > 0), bit(counterLater > 0), bit(whole),
                firstRefusal < 0 || length == 0 ? 1 : (double) firstRefusal / length,
                Math.log1p(refusalMatches), Math.log1p(length), score()
            };
        }

        private static double bit(boolean b) {
            return b ? 1 : 0;
        }
    }
}
