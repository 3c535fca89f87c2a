package dev.rejection.train;

import dev.rejection.detect.head.LinearHead;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LogisticRegressionTest {

    @Test
    void recoversTheGeneratingWeightsOfALogisticModel() {
        // y ~ Bernoulli(sigmoid(2·x0 − 1·x1 + 0.5)), x ~ N(0, 1): with many samples and no penalty the fit
        // approaches the true weights.
        SplittableRandom random = new SplittableRandom(7);
        int n = 20_000;
        double[][] x = new double[n][2];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = gaussian(random);
            x[i][1] = gaussian(random);
            double p = LinearHead.sigmoid(2 * x[i][0] - x[i][1] + 0.5);
            y[i] = random.nextDouble() < p ? 1 : 0;
        }
        LinearHead head = new LogisticRegression(0, 200, 1e-9).fit(x, y, null);
        // weights are on standardised features; x has unit variance, so they should be near (2, −1)
        assertThat(head.weights()[0]).isCloseTo(2.0, within(0.1));
        assertThat(head.weights()[1]).isCloseTo(-1.0, within(0.1));
        assertThat(head.bias() - head.weights()[0] * head.mean()[0] / head.scale()[0]
                - head.weights()[1] * head.mean()[1] / head.scale()[1]).isCloseTo(0.5, within(0.1));
    }

    @Test
    void gradientIsZeroAtTheOptimumWithPenalty() {
        double[][] x = {{0, 1}, {1, 0}, {2, 2}, {3, 1}, {0.5, 0.2}, {2.5, 3}};
        int[] y = {0, 0, 1, 1, 0, 1};
        LinearHead head = new LogisticRegression(0.1, 500, 1e-10).fit(x, y, null);
        // At the optimum: Σ (p − y)·z / n + λ·w = 0 for every weight, Σ (p − y) / n = 0 for the bias.
        double[] grad = new double[3];
        for (int i = 0; i < x.length; i++) {
            double r = head.probability(x[i]) - y[i];
            for (int j = 0; j < 2; j++) grad[j] += r * (x[i][j] - head.mean()[j]) / head.scale()[j] / x.length;
            grad[2] += r / x.length;
        }
        for (int j = 0; j < 2; j++) grad[j] += 0.1 * head.weights()[j];
        assertThat(grad).containsExactly(new double[]{0, 0, 0}, within(1e-7));
    }

    @Test
    void isDeterministic() {
        double[][] x = {{0, 1}, {1, 0}, {2, 2}, {3, 1}, {0.5, 0.2}, {2.5, 3}};
        int[] y = {0, 0, 1, 1, 0, 1};
        LinearHead a = new LogisticRegression(0.01, 100, 1e-8).fit(x, y, LogisticRegression.balancedWeights(y));
        LinearHead b = new LogisticRegression(0.01, 100, 1e-8).fit(x, y, LogisticRegression.balancedWeights(y));
        assertThat(a.weights()).containsExactly(b.weights());
        assertThat(a.bias()).isEqualTo(b.bias());
    }

    @Test
    void balancedWeightsGiveEachClassHalfTheMass() {
        double[] w = LogisticRegression.balancedWeights(new int[]{1, 0, 0, 0});
        assertThat(w).containsExactly(2.0, 2.0 / 3, 2.0 / 3, 2.0 / 3);
        assertThatThrownBy(() -> LogisticRegression.balancedWeights(new int[]{1, 1}))
                .hasMessageContaining("both classes");
    }

    @Test
    void rejectsBadLabels() {
        assertThatThrownBy(() -> new LogisticRegression(0, 10, 1e-6).fit(new double[][]{{1}, {2}}, new int[]{0, 2}, null))
                .hasMessageContaining("row 1 has label 2");
    }

    private static double gaussian(SplittableRandom random) {
        double u = random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }
}
