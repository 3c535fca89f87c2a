package dev.rejection.eval;

/**
 * How many scores fall in each of {@code bins} equal bins over [0, 1]. Bin {@code i} holds the scores in
 * {@code [i/bins, (i+1)/bins)}; the last bin also holds a score of exactly 1.
 */
public final class ScoreHistogram {
    private ScoreHistogram() {
    }

    /**
     * The count per bin.
     *
     * @throws IllegalArgumentException when {@code bins} is below 1 or a score is not in [0, 1] (naming its index)
     */
    public static int[] counts(double[] scores, int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be at least 1, got " + bins);
        }
        int[] counts = new int[bins];
        for (int i = 0; i < scores.length; i++) {
            double s = scores[i];
            if (!(s >= 0 && s <= 1)) {
                throw new IllegalArgumentException("score at index " + i + " is not a probability in [0, 1]: " + s);
            }
            counts[Math.min(bins - 1, (int) (s * bins))]++;
        }
        return counts;
    }
}
