package dev.rejection.detect.lexical;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Whether a text shows any sign of a refusal: a refusal phrase of the lexical detector ({@link
 * LexicalDetector#DEFAULT_RESOURCE}, strong or weak) or one of the broad refusal cues ({@value #CUES_RESOURCE} and
 * {@value #LANGUAGE_CUES_RESOURCE}: apologies, inability, "as an AI", missing information, both-sides deflection,
 * referrals, premise, moralising and policy words, a smaller task instead).
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
    /** The English cues, in the phrase-file format ({@link PhraseFile}). */
    public static final String CUES_RESOURCE = "/dev/rejection/lexicon/refusal-cues.txt";
    /** The cues of the other covered languages, read when a text that does not read as English first needs them. */
    public static final String LANGUAGE_CUES_RESOURCE = "/dev/rejection/lexicon/refusal-cues-languages.txt";
    /**
     * The languages the cues are written for (English, and a section of {@value #LANGUAGE_CUES_RESOURCE} for each
     * other): a text that reads as one of them, or as no language at all (a list, a table, code) or is too short to
     * tell, may be cleared.
     */
    public static final Set<String> COVERED = Set.of("en", "es", "fr", "de", "pt", "it", "nl", "pl", "ru", "zh", "ja");

    private final Supplier<LexicalDetector> phrases;
    private final LexicalDetector cues;
    private final Supplier<LexicalDetector> languageCues;

    private RefusalEvidence(Supplier<LexicalDetector> phrases, LexicalDetector cues,
            Supplier<LexicalDetector> languageCues) {
        this.phrases = phrases;
        this.cues = cues;
        this.languageCues = languageCues;
    }

    /** The shipped phrases and cues (each parsed once per JVM, when first needed or by {@link #preload}). */
    public static RefusalEvidence defaults() {
        return Holder.DEFAULTS;
    }

    /**
     * Starts parsing the shipped English cues on a background thread (~0.1 s in a cold JVM), so that a detector with
     * the gate overlaps it with loading its model; {@link #defaults()} waits for it.
     */
    public static void preload() {
        Thread thread = new Thread(RefusalEvidence::defaults, "refusal-evidence-preload");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Evidence from the given phrase sets (format: {@link PhraseFile}; only their refusal phrases count): the
     * lexical detector's phrases, the English cues and the other languages' cues.
     */
    public static RefusalEvidence of(LexicalDetector phrases, LexicalDetector cues, LexicalDetector languageCues) {
        return new RefusalEvidence(() -> phrases, cues, () -> languageCues);
    }

    /**
     * Whether any refusal phrase or cue occurs in the text. The English cues are looked for first (most refusals have
     * one), then the other languages' cues unless the text reads as English, and the phrase set ({@link
     * LexicalDetector#defaults}, ~0.2 s to build in a cold JVM) last, so that it is seldom needed.
     */
    public boolean found(String text) {
        return found(text, TextLanguage.of(text));
    }

    private boolean found(String text, String language) {
        return refuses(cues, text) || !language.equals("en") && refuses(languageCues.get(), text)
                || refuses(phrases.get(), text);
    }

    /**
     * Whether the English cues find a sign of a refusal in the text: the broad refusal words alone, without the
     * lexical detector's phrases, some of which ("if you have any other questions") close refusals and answers alike.
     */
    public boolean cued(String text) {
        return refuses(cues, text);
    }

    private static boolean refuses(LexicalDetector detector, String text) {
        return !detector.score(text).refusalMatches().isEmpty();
    }

    /**
     * Whether a model's REJECTION on this text is to be overruled: the cues can speak for the text ({@link
     * #readable}) and no evidence of a refusal is {@linkplain #found found}.
     */
    public boolean clears(String text) {
        String language = TextLanguage.of(text);
        return readableLanguage(language) && !found(text, language);
    }

    /**
     * Whether the cues can speak for the text: it reads as a {@linkplain #COVERED covered} language, as no language,
     * or is too short to tell ({@link TextLanguage#of}).
     */
    static boolean readable(String text) {
        return readableLanguage(TextLanguage.of(text));
    }

    private static boolean readableLanguage(String language) {
        return language.equals(TextLanguage.SHORT) || language.equals(TextLanguage.NONE) || COVERED.contains(language);
    }

    /** The other languages' cues, parsed on first need. */
    private static final class LanguageCues {
        static final LexicalDetector DEFAULTS = read(LANGUAGE_CUES_RESOURCE);
    }

    private static final class Holder {
        static final RefusalEvidence DEFAULTS = new RefusalEvidence(LexicalDetector::defaults, read(CUES_RESOURCE),
                () -> LanguageCues.DEFAULTS);
    }

    private static LexicalDetector read(String resource) {
        try (InputStream in = RefusalEvidence.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("cue resource " + resource + " missing from the classpath");
            }
            return LexicalDetector.fromString(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    "classpath:" + resource);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read cue resource " + resource, e);
        }
    }
}
