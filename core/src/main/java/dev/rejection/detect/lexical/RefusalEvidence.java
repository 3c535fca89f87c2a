package dev.rejection.detect.lexical;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Whether a text shows any sign of a refusal: a refusal phrase of the lexical detector ({@link
 * LexicalDetector#DEFAULT_RESOURCE}, strong or weak) or one of the broad refusal cues ({@value #CUES_RESOURCE}:
 * apologies, inability, "as an AI", missing information, both-sides deflection, premise and policy words).
 *
 * <p>The evidence gate of a detector: where a model calls a text a rejection and the text holds none of this evidence,
 * the model is overruled ({@link #clears}). Refusals leave words behind; "Test", a string of emojis, an email draft or
 * a one-line answer that a model reads as a refusal because it is short or polite do not. The cues are written for
 * English and the languages in {@link #COVERED}; a text that reads as another language ({@link TextLanguage}) is never
 * cleared, since a refusal in it could leave words no cue knows, and it must keep the model's verdict.
 *
 * <p>Immutable and thread-safe.
 */
public final class RefusalEvidence {
    /** The broad cues, in the phrase-file format ({@link PhraseFile}). */
    public static final String CUES_RESOURCE = "/dev/rejection/lexicon/refusal-cues.txt";
    /**
     * The languages the cues are written for ({@value #CUES_RESOURCE} has a section for each): a text that reads as
     * one of them, or as no language at all (a list, a table, code) or is too short to tell, may be cleared.
     */
    public static final Set<String> COVERED = Set.of("en", "es", "fr", "de", "pt", "it", "nl", "pl", "ru", "zh", "ja");

    private final java.util.function.Supplier<LexicalDetector> phrases;
    private final LexicalDetector cues;

    private RefusalEvidence(java.util.function.Supplier<LexicalDetector> phrases, LexicalDetector cues) {
        this.phrases = phrases;
        this.cues = cues;
    }

    /** The shipped phrases and cues (each parsed once per JVM, when first needed or by {@link #preload}). */
    public static RefusalEvidence defaults() {
        return Holder.DEFAULTS;
    }

    /**
     * Starts parsing the shipped cues on a background thread (~0.1 s in a cold JVM), so that a detector with the
     * gate overlaps it with loading its model; {@link #defaults()} waits for it.
     */
    public static void preload() {
        Thread thread = new Thread(RefusalEvidence::defaults, "refusal-evidence-preload");
        thread.setDaemon(true);
        thread.start();
    }

    /** Evidence from the given phrase sets (format: {@link PhraseFile}); only their refusal phrases count. */
    public static RefusalEvidence of(LexicalDetector phrases, LexicalDetector cues) {
        return new RefusalEvidence(() -> phrases, cues);
    }

    /**
     * Whether any refusal phrase or cue occurs in the text. The cues are looked for first: most refusals have one,
     * and the phrase set (145,000 expanded sequences, ~0.4 s to build in a cold JVM) is then never needed.
     */
    public boolean found(String text) {
        return !cues.score(text).refusalMatches().isEmpty() || !phrases.get().score(text).refusalMatches().isEmpty();
    }

    /**
     * Whether a model's REJECTION on this text is to be overruled: the cues can speak for the text ({@link
     * #readable}) and no evidence of a refusal is {@linkplain #found found}.
     */
    public boolean clears(String text) {
        return readable(text) && !found(text);
    }

    /**
     * Whether the cues can speak for the text: it reads as a {@linkplain #COVERED covered} language, as no language,
     * or is too short to tell ({@link TextLanguage#of}).
     */
    static boolean readable(String text) {
        String language = TextLanguage.of(text);
        return language.equals(TextLanguage.SHORT) || language.equals(TextLanguage.NONE) || COVERED.contains(language);
    }

    /** The lexical detector's phrases, built on first need. */
    private static final class Phrases {
        static final LexicalDetector DEFAULTS = LexicalDetector.defaults();
    }

    private static final class Holder {
        static final RefusalEvidence DEFAULTS = new RefusalEvidence(() -> Phrases.DEFAULTS, readCues());

        private static LexicalDetector readCues() {
            try (InputStream in = RefusalEvidence.class.getResourceAsStream(CUES_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("cue resource " + CUES_RESOURCE + " missing from the classpath");
                }
                return LexicalDetector.fromString(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                        "classpath:" + CUES_RESOURCE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read cue resource " + CUES_RESOURCE, e);
            }
        }
    }
}
