package dev.rejection.train;

import dev.rejection.detect.head.HeadClassifier;
import dev.rejection.detect.head.HeadSpec;
import dev.rejection.detect.head.LinearHead;
import dev.rejection.detect.head.TextEncoder;
import dev.rejection.detect.lexical.LexicalDetector;
import dev.rejection.eval.Example;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Trains a rejection detector's head: features from a frozen encoder and the lexical detector, then an L2
 * logistic regression with balanced class weights. Deterministic: the same data and options give the same head.
 */
public final class HeadTrainer {

    /**
     * @param l2            strength of the L2 penalty on standardised features
     * @param lexical       whether the lexical detector's evidence is a feature
     * @param maxIterations L-BFGS iterations at most
     */
    public record Options(double l2, boolean lexical, int maxIterations) {
        public Options {
            if (!(l2 >= 0)) throw new IllegalArgumentException("l2 must be >= 0, got " + l2);
            if (maxIterations < 1) throw new IllegalArgumentException("iterations must be >= 1, got " + maxIterations);
        }
    }

    private final TextEncoder encoder; // null: lexical features only
    private final LexicalDetector lexical;
    private final Options options;
    private final Consumer<String> log;

    public HeadTrainer(TextEncoder encoder, Options options, Consumer<String> log) {
        if (encoder == null && !options.lexical()) {
            throw new IllegalArgumentException("a head needs features: an encoder, lexical evidence, or both");
        }
        this.encoder = encoder;
        this.lexical = options.lexical() ? LexicalDetector.defaults() : null;
        this.options = options;
        this.log = log;
    }

    /** Feature vectors of the examples, in order; logs progress in chunks. */
    public double[][] features(List<Example> examples, String what) {
        double[][] x = new double[examples.size()][];
        int chunk = 512;
        long start = System.nanoTime();
        for (int from = 0; from < examples.size(); from += chunk) {
            List<Example> part = examples.subList(from, Math.min(examples.size(), from + chunk));
            List<String> texts = part.stream().map(Example::text).toList();
            List<TextEncoder.Encoded> encoded = encoder != null ? encoder.encode(texts) : null;
            for (int i = 0; i < part.size(); i++) {
                x[from + i] = HeadClassifier.features(encoded != null ? encoded.get(i) : null,
                        lexical != null ? lexical.features(texts.get(i)) : null);
            }
            int done = from + part.size();
            double seconds = (System.nanoTime() - start) / 1e9;
            log.accept(String.format("%s: features of %,d / %,d texts (%.0f texts/s, ETA %.0f s)", what, done,
                    examples.size(), done / seconds, (examples.size() - done) / (done / seconds)));
        }
        return x;
    }

    /** Fits the head on the training examples. */
    public LinearHead fit(double[][] features, List<Example> examples) {
        int[] labels = examples.stream().mapToInt(Example::label).toArray();
        log.accept(String.format("fitting a logistic regression on %,d examples x %d features (l2 %s)",
                features.length, features[0].length, options.l2()));
        return new LogisticRegression(options.l2(), options.maxIterations(), 1e-6)
                .fit(features, labels, LogisticRegression.balancedWeights(labels));
    }

    /** The detector.json of a trained head. */
    public static HeadSpec spec(HeadSpec.Encoder encoder, boolean lexical, LinearHead head,
                                Map<String, Object> training) {
        return new HeadSpec(HeadSpec.FORMAT, List.of("NORMAL", "REJECTION"), encoder, lexical,
                HeadSpec.Weights.of(head), training);
    }

    /** Scores of a fitted head on feature vectors. */
    public static double[] scores(LinearHead head, double[][] features) {
        double[] scores = new double[features.length];
        for (int i = 0; i < features.length; i++) scores[i] = head.probability(features[i]);
        return scores;
    }
}
