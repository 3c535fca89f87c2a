package dev.rejection.detect.mode;

import dev.rejection.detect.Verdict;
import dev.rejection.testing.StandIns;
import dev.rejection.tokenizer.Encoding;
import dev.rejection.tokenizer.Tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A model whose behaviour the test controls: it reads the first {@code maxLength} tokens (MiniLM's WordPiece
 * tokenizer) and scores {@value #REFUSAL_SCORE} when they contain the marker {@code NOPE} or end with the marker
 * {@code DECLINED} (as trained models read a refusal with more of the answer after it as an answer),
 * {@value #UNSURE_SCORE} for {@code MAYBE}, else {@value #NORMAL_SCORE}. Counts the texts it was asked to score.
 */
final class FakeScorer implements SpanScorer {
    static final double REFUSAL_SCORE = 0.99;
    static final double UNSURE_SCORE = 0.55;
    static final double NORMAL_SCORE = 0.02;
    private static final Tokenizer TOKENIZER = Tokenizer.fromFile(StandIns.minilmTokenizerJson());

    private final double threshold;
    private final int maxLength;
    private final int windowLength;
    private final AtomicInteger texts = new AtomicInteger();
    private final AtomicInteger calls = new AtomicInteger();

    FakeScorer(double threshold, int maxLength) {
        this(threshold, maxLength, maxLength);
    }

    /** A model that reads {@code maxLength} tokens and asks for windows of {@code windowLength}. */
    FakeScorer(double threshold, int maxLength, int windowLength) {
        this.threshold = threshold;
        this.maxLength = maxLength;
        this.windowLength = windowLength;
    }

    @Override
    public List<Verdict> classify(List<String> batch) {
        calls.incrementAndGet();
        texts.addAndGet(batch.size());
        Tokenizer reading = TOKENIZER.withoutTruncation().withoutPadding(); // its tokenizer.json pads to 128
        List<Verdict> out = new ArrayList<>();
        for (String text : batch) {
            Encoding encoding = reading.encode(text, false);
            int room = maxLength - 2;
            String seen = encoding.length() > room ? text.substring(0, encoding.end(room - 1)) : text;
            boolean refusal = seen.contains("NOPE") || seen.strip().endsWith("DECLINED");
            double score = refusal ? REFUSAL_SCORE : seen.contains("MAYBE") ? UNSURE_SCORE : NORMAL_SCORE;
            boolean rejection = score > threshold;
            out.add(new Verdict(rejection ? "REJECTION" : "NORMAL", score, rejection,
                    Map.of("NORMAL", 1 - score, "REJECTION", score), Math.min(encoding.length(), room) + 2,
                    encoding.length() > room, encoding.length() > room ? seen.length() : -1));
        }
        return out;
    }

    int texts() {
        return texts.get();
    }

    int calls() {
        return calls.get();
    }

    @Override
    public double threshold() {
        return threshold;
    }

    @Override
    public Tokenizer tokenizer() {
        return TOKENIZER;
    }

    @Override
    public int maxLength() {
        return maxLength;
    }

    @Override
    public int windowLength() {
        return windowLength;
    }

    @Override
    public List<String> labels() {
        return List.of("NORMAL", "REJECTION");
    }

    @Override
    public String positiveLabel() {
        return "REJECTION";
    }
}
