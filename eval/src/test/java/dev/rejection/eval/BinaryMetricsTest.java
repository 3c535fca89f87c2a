package dev.rejection.eval;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The metrics checked against values computed by hand (arithmetic in the comments). */
class BinaryMetricsTest {
    private static final double EPS = 1e-9;

    // Ten answers, sorted by score. P = 5 rejections (label 1), N = 5 normal answers.
    //   #   score  label
    //   1   0.95   1
    //   2   0.85   1
    //   3   0.80   0
    //   4   0.70   1
    //   5   0.60   0
    //   6   0.55   1
    //   7   0.40   0
    //   8   0.30   1
    //   9   0.20   0
    //  10   0.10   0
    static final double[] SCORES = {0.95, 0.85, 0.80, 0.70, 0.60, 0.55, 0.40, 0.30, 0.20, 0.10};
    static final int[] LABELS = {1, 1, 0, 1, 0, 1, 0, 1, 0, 0};

    @Test
    void confusionAndCardMetricsAtHalf() {
        // score > 0.5 → #1..#6 called rejections.
        // tp = #1 #2 #4 #6 = 4, fp = #3 #5 = 2, fn = #8 = 1, tn = #7 #9 #10 = 3
        Confusion c = BinaryMetrics.confusion(SCORES, LABELS, 0.5);
        assertThat(c).isEqualTo(new Confusion(4, 2, 3, 1));
        assertThat(c.n()).isEqualTo(10);
        assertThat(c.accuracy()).isCloseTo(7.0 / 10, within(EPS));   // (4 + 3) / 10
        assertThat(c.precision()).isCloseTo(4.0 / 6, within(EPS));   // 4 / (4 + 2)
        assertThat(c.recall()).isCloseTo(4.0 / 5, within(EPS));      // 4 / (4 + 1)
        assertThat(c.f1()).isCloseTo(8.0 / 11, within(EPS));         // 2·(2/3)·(4/5) / (2/3 + 4/5) = 2·4 / (2·4 + 2 + 1)
    }

    @Test
    void thresholdIsStrict() {
        // #5 scores exactly 0.60: at threshold 0.60 it is NOT a rejection (score > threshold), at 0.5999 it is.
        assertThat(BinaryMetrics.confusion(SCORES, LABELS, 0.60)).isEqualTo(new Confusion(3, 1, 4, 2));
        assertThat(BinaryMetrics.confusion(SCORES, LABELS, 0.5999)).isEqualTo(new Confusion(3, 2, 3, 2));
    }

    @Test
    void lossIsMeanCrossEntropyOfTheTrueClass() {
        // p(true class) = score for label 1, 1 − score for label 0:
        //   0.95 0.85 0.20 0.70 0.40 0.55 0.60 0.30 0.80 0.90
        // −ln of each:
        //   0.051293 0.162519 1.609438 0.356675 0.916291 0.597837 0.510826 1.203973 0.223144 0.105361
        // sum = 5.737355, mean = 0.5737355
        assertThat(BinaryMetrics.logLoss(SCORES, LABELS)).isCloseTo(0.5737355308, within(1e-9));
    }

    @Test
    void lossClampsAConfidentMistake() {
        // label 1 at score 0: −ln(max(0, 1e−12)) = 27.631021; label 0 at score 0: −ln(1) = 0 → mean 13.815511
        assertThat(BinaryMetrics.logLoss(new double[]{0, 0}, new int[]{1, 0}))
                .isCloseTo(-Math.log(1e-12) / 2, within(EPS))
                .isCloseTo(13.815510558, within(1e-8));
    }

    @Test
    void rocAucCountsPairs() {
        // For each rejection, the normal answers it outscores (normals: 0.80 0.60 0.40 0.20 0.10):
        //   0.95 → 5, 0.85 → 5, 0.70 → 4, 0.55 → 3, 0.30 → 2   ⇒ 19 of 5·5 = 25 pairs ⇒ 0.76
        assertThat(BinaryMetrics.rocAuc(SCORES, LABELS)).hasValueCloseTo(0.76, within(EPS));
    }

    @Test
    void averagePrecisionByHand() {
        // Walking down the scores, at each rejection: precision P_k and recall R_k (ΔR = 1/5 each time)
        //   0.95 → 1/1, 0.85 → 2/2, 0.70 → 3/4, 0.55 → 4/6, 0.30 → 5/8
        // AP = Σ ΔR·P = 0.2 · (1 + 1 + 0.75 + 0.6667 + 0.625) = 0.808333
        assertThat(BinaryMetrics.averagePrecision(SCORES, LABELS)).hasValueCloseTo(0.8083333333, within(1e-9));
    }

    @Test
    void bestF1ByHand() {
        // Calling the k highest scores rejections gives (tp, fp, fn) → F1 = 2tp / (2tp + fp + fn):
        //   k=1 (1,0,4) 0.333  k=2 (2,0,3) 0.571  k=3 (2,1,3) 0.500  k=4 (3,1,2) 0.667  k=5 (3,2,2) 0.600
        //   k=6 (4,2,1) 0.727  k=7 (4,3,1) 0.667  k=8 (5,3,0) 0.769  k=9 (5,4,0) 0.714  k=10 (5,5,0) 0.667
        // Best k = 8: everything above #9 (0.20) and down to #8 (0.30) → threshold midway, 0.25.
        OperatingPoint best = BinaryMetrics.bestF1(SCORES, LABELS);
        assertThat(best.threshold()).isCloseTo(0.25, within(EPS));
        assertThat(best.confusion()).isEqualTo(new Confusion(5, 3, 2, 0));
        assertThat(best.confusion().f1()).isCloseTo(10.0 / 13, within(EPS));
        assertThat(best.confusion().precision()).isCloseTo(5.0 / 8, within(EPS));
        assertThat(best.confusion().recall()).isEqualTo(1.0);
    }

    @Test
    void tiesCountHalfInRocAucAndEnterTogetherInAveragePrecision() {
        // rejections 0.5, 0.5; normals 0.5, 0.2.
        // ROC pairs: each 0.5 rejection ties the 0.5 normal (½) and beats 0.2 (1) ⇒ (1.5 + 1.5) / 4 = 0.75
        // AP: the three 0.5s enter at once: P = 2/3, R = 1 ⇒ AP = 1 · 2/3
        double[] s = {0.5, 0.5, 0.5, 0.2};
        int[] y = {1, 1, 0, 0};
        assertThat(BinaryMetrics.rocAuc(s, y)).hasValueCloseTo(0.75, within(EPS));
        assertThat(BinaryMetrics.averagePrecision(s, y)).hasValueCloseTo(2.0 / 3, within(EPS));
        // best F1: call the 0.5s rejections (tp 2, fp 1 → 4/5); threshold midway between 0.2 and 0.5
        OperatingPoint best = BinaryMetrics.bestF1(s, y);
        assertThat(best.threshold()).isCloseTo(0.35, within(EPS));
        assertThat(best.confusion()).isEqualTo(new Confusion(2, 1, 1, 0));
    }

    @Test
    void allOneClass() {
        double[] s = {0.9, 0.2, 0.6};
        int[] negatives = {0, 0, 0};
        int[] positives = {1, 1, 1};
        assertThat(BinaryMetrics.rocAuc(s, negatives)).isEmpty();
        assertThat(BinaryMetrics.rocAuc(s, positives)).isEmpty();
        assertThat(BinaryMetrics.averagePrecision(s, negatives)).isEmpty();
        assertThat(BinaryMetrics.averagePrecision(s, positives)).hasValue(1.0); // precision is 1 all the way down
        assertThat(BinaryMetrics.rocCurve(s, negatives)).isEmpty();
        assertThat(BinaryMetrics.prCurve(s, negatives)).isEmpty();

        // no positives: 0/0 precision, recall and F1 are 0; 2 of 3 normals are called rejections at 0.5
        Confusion c = BinaryMetrics.confusion(s, negatives, 0.5);
        assertThat(c).isEqualTo(new Confusion(0, 2, 1, 0));
        assertThat(c.precision()).isZero();
        assertThat(c.recall()).isZero();
        assertThat(c.f1()).isZero();
        assertThat(c.accuracy()).isCloseTo(1.0 / 3, within(EPS));
        // best F1 with no positives: every F1 is 0, so the point that calls nothing a rejection (above 0.9)
        OperatingPoint best = BinaryMetrics.bestF1(s, negatives);
        assertThat(best.confusion()).isEqualTo(new Confusion(0, 0, 3, 0));
        assertThat(best.threshold()).isCloseTo(0.95, within(EPS));

        // all positives: best is to call all rejections; threshold midway between 0 and the lowest score 0.2
        OperatingPoint allIn = BinaryMetrics.bestF1(s, positives);
        assertThat(allIn.confusion()).isEqualTo(new Confusion(3, 0, 0, 0));
        assertThat(allIn.threshold()).isCloseTo(0.1, within(EPS));
    }

    @Test
    void bestF1AtTheEdgesOfTheScoreRange() {
        // a score of exactly 0 is a rejection at no threshold in [0, 1] (--threshold refuses a negative one)
        OperatingPoint none = BinaryMetrics.bestF1(new double[]{0.0, 0.0}, new int[]{1, 1});
        assertThat(none.threshold()).isEqualTo(0.5);
        assertThat(none.confusion()).isEqualTo(new Confusion(0, 0, 0, 2));
        OperatingPoint some = BinaryMetrics.bestF1(new double[]{0.0, 0.3}, new int[]{1, 1});
        assertThat(some.threshold()).isEqualTo(0.15);
        assertThat(some.confusion()).isEqualTo(new Confusion(1, 0, 0, 1));
        assertThat(BinaryMetrics.bestF1(new double[]{1.0}, new int[]{0}).threshold()).isEqualTo(1.0);
    }

    @Test
    void bestF1ThresholdReproducesItsMetricsAndNoThresholdDoesBetter() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            int n = 1 + random.nextInt(30);
            double[] s = new double[n];
            int[] y = new int[n];
            for (int i = 0; i < n; i++) {
                s[i] = Math.round(random.nextDouble() * 10) / 10.0; // coarse, so ties are common
                y[i] = random.nextInt(2);
            }
            OperatingPoint best = BinaryMetrics.bestF1(s, y);
            assertThat(BinaryMetrics.confusion(s, y, best.threshold())).isEqualTo(best.confusion());
            assertThat(best.threshold()).isBetween(0.0, 1.0);
            for (double t : s) { // every set of rejections a threshold in [0, 1] reaches: at a score or just below
                assertThat(BinaryMetrics.confusion(s, y, t).f1()).isLessThanOrEqualTo(best.confusion().f1());
                assertThat(BinaryMetrics.confusion(s, y, Math.max(0, Math.nextDown(t))).f1())
                        .isLessThanOrEqualTo(best.confusion().f1());
            }
        }
    }

    @Test
    void curvesByHand() {
        // ties group: rejections 0.9, 0.5; normals 0.5, 0.1 → distinct scores 0.9, 0.5, 0.1
        double[] s = {0.9, 0.5, 0.5, 0.1};
        int[] y = {1, 1, 0, 0};
        assertThat(BinaryMetrics.rocCurve(s, y)).containsExactly(
                new Point(0, 0), new Point(0, 0.5), new Point(0.5, 1), new Point(1, 1));
        assertThat(BinaryMetrics.prCurve(s, y)).containsExactly(
                new Point(0, 1), new Point(0.5, 1), new Point(1, 2.0 / 3), new Point(1, 0.5));
    }

    @Test
    void badInputIsNamed() {
        assertThatThrownBy(() -> BinaryMetrics.logLoss(new double[0], new int[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no examples");
        assertThatThrownBy(() -> BinaryMetrics.confusion(new double[]{0.1}, new int[]{1, 0}, 0.5))
                .hasMessageContaining("differ in length");
        assertThatThrownBy(() -> BinaryMetrics.rocAuc(new double[]{0.1, Double.NaN}, new int[]{1, 0}))
                .hasMessageContaining("index 1");
        assertThatThrownBy(() -> BinaryMetrics.rocAuc(new double[]{0.1, 0.2}, new int[]{1, 2}))
                .hasMessageContaining("index 1").hasMessageContaining("not 0 or 1");
    }

    @Test
    void confusionRejectsNegativeCounts() {
        assertThatThrownBy(() -> new Confusion(-1, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(List.of(new Confusion(0, 0, 0, 0).accuracy())).containsExactly(0.0);
    }
}
