package dev.rejection.eval;

import java.util.List;
import java.util.function.IntConsumer;

/** Scores examples in chunks with a {@link Scorer} and measures the throughput. */
public final class Scoring {
    private Scoring() {
    }

    /**
     * The scores, in order, and texts per second of scorer time.
     *
     * @param batchSize how many texts go to the scorer per call
     * @param progress  told how many texts are done after each chunk (e.g. for a progress line)
     */
    public static Scored score(List<Example> examples, Scorer scorer, int batchSize, IntConsumer progress) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        double[] scores = new double[examples.size()];
        long nanos = 0;
        for (int from = 0; from < examples.size(); from += batchSize) {
            int to = Math.min(from + batchSize, examples.size());
            List<Example> slice = examples.subList(from, to);
            List<String> texts = slice.stream().map(Example::text).toList();
            boolean prompted = slice.stream().anyMatch(e -> e.prompt() != null);
            long start = System.nanoTime();
            double[] chunk = prompted ? scorer.score(slice.stream().map(Example::prompt).toList(), texts)
                    : scorer.score(texts);
            nanos += System.nanoTime() - start;
            if (chunk.length != texts.size()) {
                throw new IllegalStateException("scorer returned " + chunk.length + " scores for " + texts.size()
                        + " texts (lines " + examples.get(from).line() + "-" + examples.get(to - 1).line() + ")");
            }
            System.arraycopy(chunk, 0, scores, from, chunk.length);
            progress.accept(to);
        }
        Double perSecond = nanos > 0 ? examples.size() / (nanos / 1e9) : null;
        return new Scored(scores, perSecond);
    }

    /**
     * @param scores         P(REJECTION) per example, in order
     * @param textsPerSecond examples / seconds spent inside the scorer; {@code null} when nothing was timed
     */
    public record Scored(double[] scores, Double textsPerSecond) {
    }
}
