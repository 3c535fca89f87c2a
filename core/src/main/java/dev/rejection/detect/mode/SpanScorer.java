package dev.rejection.detect.mode;

import dev.rejection.detect.RejectionDetector;
import dev.rejection.detect.Verdict;
import dev.rejection.detect.lexical.LexicalDetector;
import dev.rejection.detect.lexical.LexicalVerdict;
import dev.rejection.tokenizer.Encoding;
import dev.rejection.tokenizer.Tokenizer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the match modes need from a classifier: verdicts for a batch of texts, each read up to
 * {@link #maxLength()} tokens of {@link #tokenizer()}, and the threshold. A {@link RejectionDetector} is one
 * ({@link #of}); the lexical detector behind a model's tokenizer is another ({@link #lexical}), which lets the modes
 * be measured and tested without a trained model.
 */
public interface SpanScorer {
    /** Verdicts in input order; each text is read only as far as {@link #maxLength()} tokens. */
    List<Verdict> classify(List<String> texts);

    /**
     * Verdicts on texts each read after its prompt (null list or items: none), in input order.
     *
     * @throws UnsupportedOperationException when a prompt is given to a scorer that reads texts alone
     */
    default List<Verdict> classify(List<String> prompts, List<String> texts) {
        if (prompts != null && prompts.stream().anyMatch(java.util.Objects::nonNull)) {
            throw new UnsupportedOperationException("this scorer reads answers alone; it takes no prompt");
        }
        return classify(texts);
    }

    /** Score above which a text is a rejection. */
    double threshold();

    /** The tokenizer the classifier reads with. */
    Tokenizer tokenizer();

    /** Tokens read per text, special tokens included. */
    int maxLength();

    /** Tokens per window in window mode, special tokens included; by default {@link #maxLength()}. */
    default int windowLength() {
        return maxLength();
    }

    /** The model's labels in id order. */
    List<String> labels();

    /** The label whose score is compared with the threshold. */
    String positiveLabel();

    /**
     * The detector as a span scorer.
     *
     * <p>Its {@link #tokenizer()} throws {@link IllegalArgumentException} when the detector's model reads no tokens
     * (a lexical-only head), so that texts cannot be cut into sentences or windows; full mode needs no tokenizer.
     */
    static SpanScorer of(RejectionDetector detector) {
        return new SpanScorer() {
            @Override
            public List<Verdict> classify(List<String> texts) {
                return detector.classify(texts);
            }

            @Override
            public List<Verdict> classify(List<String> prompts, List<String> texts) {
                return detector.classify(prompts, texts);
            }

            @Override
            public double threshold() {
                return detector.threshold();
            }

            @Override
            public Tokenizer tokenizer() {
                return detector.tokenizer().orElseThrow(() -> new IllegalArgumentException("the detector's model "
                        + "reads no tokens (a lexical-only head); sentence and window mode need a model with a "
                        + "tokenizer"));
            }

            @Override
            public int maxLength() {
                return detector.maxLength();
            }

            @Override
            public int windowLength() {
                return detector.windowLength();
            }

            @Override
            public List<String> labels() {
                return detector.labels();
            }

            @Override
            public String positiveLabel() {
                return detector.positiveLabel();
            }
        };
    }

    /**
     * The lexical detector reading, like a model, only the first {@code maxLength} tokens of each text (special
     * tokens counted): a model whose behaviour is known, for measuring the modes and testing them.
     */
    static SpanScorer lexical(LexicalDetector lexical, Tokenizer tokenizer, int maxLength) {
        Tokenizer reading = tokenizer.withoutPadding().withoutTruncation();
        int room = maxLength - tokenizer.numSpecialTokensToAdd();
        if (room < 1) {
            throw new IllegalArgumentException("max length " + maxLength + " leaves no room beside the "
                    + tokenizer.numSpecialTokensToAdd() + " special tokens");
        }
        return new SpanScorer() {
            @Override
            public List<Verdict> classify(List<String> texts) {
                List<Verdict> verdicts = new ArrayList<>(texts.size());
                for (String text : texts) {
                    Encoding encoding = reading.encode(text, false);
                    boolean truncated = encoding.length() > room;
                    String seen = truncated ? text.substring(0, encoding.end(room - 1)) : text;
                    verdicts.add(verdict(lexical.score(seen), Math.min(encoding.length(), room)
                            + tokenizer.numSpecialTokensToAdd(), truncated ? seen.length() : -1, lexical.threshold()));
                }
                return verdicts;
            }

            @Override
            public double threshold() {
                return lexical.threshold();
            }

            @Override
            public Tokenizer tokenizer() {
                return tokenizer;
            }

            @Override
            public int maxLength() {
                return maxLength;
            }

            @Override
            public List<String> labels() {
                return List.of("NORMAL", "REJECTION");
            }

            @Override
            public String positiveLabel() {
                return "REJECTION";
            }
        };
    }

    /** A lexical verdict in the model's terms: labels NORMAL and REJECTION, P(REJECTION) = the lexical score. */
    static Verdict verdict(LexicalVerdict lexical, int tokens, int cut, double threshold) {
        double score = lexical.score();
        Map<String, Double> scores = new LinkedHashMap<>();
        scores.put("NORMAL", 1 - score);
        scores.put("REJECTION", score);
        boolean rejection = score > threshold;
        return new Verdict(rejection ? "REJECTION" : "NORMAL", score, rejection, scores, tokens, cut >= 0, cut);
    }
}
