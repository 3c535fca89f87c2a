package dev.rejection.eval;

/**
 * A share of texts, such as the refusal rate of a file, with its Wilson score interval: the interval to report for
 * a share estimated from a sample, because unlike the normal approximation (p ± z·√(p(1−p)/n)) it stays inside
 * [0, 1] and keeps its coverage for shares near 0 or 1 and for small samples — where refusal rates usually are.
 *
 * @param count how many of the texts have the property (e.g. are called refusals)
 * @param n     how many texts there are; at least 1
 */
public record Proportion(int count, int n) {
    /** z of a two-sided 95% interval: the 0.975 quantile of the standard normal distribution. */
    public static final double Z_95 = 1.959963984540054;

    public Proportion {
        if (n < 1) {
            throw new IllegalArgumentException("a share needs at least one text, got n = " + n);
        }
        if (count < 0 || count > n) {
            throw new IllegalArgumentException("count must be in [0, " + n + "], got " + count);
        }
    }

    /** The share of {@code scores} above {@code threshold}: the refusal rate under the rule score > threshold. */
    public static Proportion above(double[] scores, double threshold) {
        int count = 0;
        for (double score : scores) {
            if (score > threshold) {
                count++;
            }
        }
        return new Proportion(count, scores.length);
    }

    /** count / n. */
    public double share() {
        return (double) count / n;
    }

    /**
     * The Wilson score interval at {@code z} standard deviations ({@link #Z_95} for 95%):
     * {@code (p + z²/2n ± z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n)} with {@code p = count/n}.
     */
    public Interval wilson(double z) {
        if (!(z > 0) || Double.isInfinite(z)) {
            throw new IllegalArgumentException("z must be a positive number, got " + z);
        }
        double p = share();
        double z2 = z * z;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / denominator;
        double half = z / denominator * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        // exact at the ends: 0 of n has no lower margin, n of n no upper one (the formula gives them up to rounding)
        double low = count == 0 ? 0 : Math.max(0, centre - half);
        double high = count == n ? 1 : Math.min(1, centre + half);
        return new Interval(low, high);
    }

    /** A closed interval [low, high] within [0, 1]. */
    public record Interval(double low, double high) {
    }
}
