package dev.rejection.detect.mode;

import dev.rejection.detect.Verdict;
import dev.rejection.detect.lexical.LexicalDetector;
import dev.rejection.detect.lexical.LexicalVerdict;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Judges an LLM answer while it streams: {@link #accept} takes each chunk as it arrives and returns an early
 * decision once the evidence allows, at most once per stream; {@link #finish} returns the final decision on the
 * whole text, made by the {@link ModeDetector} as for any text.
 *
 * <p>The evidence is looked at only when a sentence completes (a later sentence has begun, or it ends in terminal
 * punctuation followed by whitespace), and only for the first
 * {@value #OPENING_SENTENCES} sentences, and only until the text received passes {@value #OPENING_CHARS} characters
 * (the chunk that passes it is still looked at), where a refusal usually stands; the bound keeps a long text without a
 * sentence end from being split again at every chunk:
 * <ol>
 *   <li>decisive lexical evidence ({@link Cascade#decisive}) on the sentences so far decides at once;</li>
 *   <li>otherwise the model scores the new sentence, and the highest sentence score so far decides when it is far
 *       from the threshold {@code t}: {@code (s - t) / (1 - t) >= confidence} for a rejection,
 *       {@code (t - s) / t >= confidence} for a normal answer (the two sides of the LLM Guard risk score).</li>
 * </ol>
 * An early decision is a forecast: the final one may differ (a refusal later in a normal-looking answer). The final
 * decision is the {@link ModeDetector}'s, or the given reading's ({@link Reading#stream} reads as its
 * {@link Reading#read} does: cascade and preset included).
 *
 * <p>One instance per stream; not thread-safe.
 */
public final class StreamingDetector {
    /** Sentences from the start within which an early decision may be taken. */
    public static final int OPENING_SENTENCES = 3;
    /** How far from the threshold, relative to the room on that side, a score must be to decide early. */
    public static final double DEFAULT_CONFIDENCE = 0.8;
    /**
     * Characters received after which no early decision is looked for: four times what the model reads at once at
     * most, far past where a refusal stands.
     */
    public static final int OPENING_CHARS = 8192;

    private final ModeDetector detector;
    private final LexicalDetector lexical;
    private final double confidence;
    private final Function<String, SpanVerdict> whole;
    private final SentenceSplitter splitter = new SentenceSplitter();
    private final StringBuilder text = new StringBuilder();
    private int sentencesJudged;
    private SpanVerdict best;
    private StreamDecision early;
    private boolean finished;

    /**
     * @param detector   decides at the end, and scores sentences for the early decision
     * @param lexical    looked at first; {@code null} to decide early by the model alone
     * @param confidence in (0, 1]: how far a sentence score must be from the threshold to decide early
     */
    public StreamingDetector(ModeDetector detector, LexicalDetector lexical, double confidence) {
        this(detector, lexical, confidence, detector::classify);
    }

    /**
     * As {@link #StreamingDetector(ModeDetector, LexicalDetector, double)}, the final decision taken by {@code whole}
     * on the whole text.
     */
    public StreamingDetector(ModeDetector detector, LexicalDetector lexical, double confidence,
                             Function<String, SpanVerdict> whole) {
        this.detector = Objects.requireNonNull(detector, "detector");
        this.whole = Objects.requireNonNull(whole, "whole");
        this.lexical = lexical;
        if (!(confidence > 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1], got " + confidence);
        }
        this.confidence = confidence;
    }

    /** Adds the next chunk of the answer; returns the early decision when this chunk allowed one. */
    public Optional<StreamDecision> accept(String chunk) {
        if (finished) {
            throw new IllegalStateException("the stream is finished");
        }
        text.append(Objects.requireNonNull(chunk, "chunk"));
        if (early != null || sentencesJudged >= OPENING_SENTENCES) {
            return Optional.empty();
        }
        if (text.length() - chunk.length() >= OPENING_CHARS) { // looked at once past the opening; not again
            sentencesJudged = OPENING_SENTENCES;
            return Optional.empty();
        }
        String sofar = text.toString();
        List<Span> sentences = splitter.split(sofar);
        int complete = Math.min(sentences.size() - (endsComplete(sofar, sentences) ? 0 : 1), OPENING_SENTENCES);
        while (early == null && sentencesJudged < complete) {
            early = judge(sofar, sentences.get(sentencesJudged));
            sentencesJudged++;
        }
        return Optional.ofNullable(early);
    }

    /**
     * Whether the last sentence is complete: it ends in terminal punctuation and whitespace follows (the LLM has
     * moved on). Otherwise it may still grow ("I can't" → "I can't wait to help").
     */
    private static boolean endsComplete(String sofar, List<Span> sentences) {
        if (sentences.isEmpty()) {
            return false;
        }
        Span last = sentences.get(sentences.size() - 1);
        return last.end() < sofar.length() && ".!?…。！？".indexOf(sofar.charAt(last.end() - 1)) >= 0;
    }

    private StreamDecision judge(String sofar, Span sentence) {
        if (lexical != null) {
            String opening = sofar.substring(0, sentence.end());
            LexicalVerdict verdict = lexical.score(opening);
            Optional<Cascade.Decisive> kind = Cascade.decisive(verdict);
            if (kind.isPresent()) {
                return new StreamDecision(true, Cascade.lexicalVerdict(verdict, kind.get(), opening.length(),
                        detector.threshold()), sofar.length(), "lexical");
            }
        }
        Verdict verdict = detector.scorer().classify(List.of(sentence.of(sofar))).get(0);
        if (best == null || verdict.score() > best.score()) {
            best = new SpanVerdict(verdict, sentence);
        }
        double t = detector.threshold();
        double s = best.score();
        boolean sure = s > t ? (s - t) / (1 - t) >= confidence : t > 0 && (t - s) / t >= confidence;
        return sure ? new StreamDecision(true, best, sofar.length(), "model") : null;
    }

    /** The early decision, if one was taken. */
    public Optional<StreamDecision> early() {
        return Optional.ofNullable(early);
    }

    /** Ends the stream: the final decision on the whole text. */
    public StreamDecision finish() {
        if (finished) {
            throw new IllegalStateException("the stream is already finished");
        }
        finished = true;
        String all = text.toString();
        return new StreamDecision(false, whole.apply(all), all.length(), "end");
    }

    /** The text received so far. */
    public String text() {
        return text.toString();
    }
}
