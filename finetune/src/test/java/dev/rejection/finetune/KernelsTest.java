package dev.rejection.finetune;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class KernelsTest {

    private static float[] random(SplittableRandom rnd, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (rnd.nextDouble() * 2 - 1);
        }
        return x;
    }

    /** The three products against a plain triple loop in double, over shapes with every kind of tail. */
    @Test
    void productsMatchTheDefinition() {
        SplittableRandom rnd = new SplittableRandom(1);
        int[][] shapes = {{1, 1, 1}, {3, 5, 7}, {4, 64, 64}, {67, 300, 129}, {130, 17, 70}, {8, 600, 33}};
        for (int[] s : shapes) {
            int m = s[0], k = s[1], n = s[2];
            float[] a = random(rnd, m * k);
            float[] b = random(rnd, k * n);
            float[] c0 = random(rnd, m * n);
            double[] want = new double[m * n];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double acc = 0;
                    for (int p = 0; p < k; p++) {
                        acc += (double) a[i * k + p] * b[p * n + j];
                    }
                    want[i * n + j] = acc;
                }
            }
            float[] aT = transpose(a, m, k);
            float[] bT = transpose(b, k, n);
            float[] c = new float[m * n];
            Kernels.matmul(a, b, c, m, k, n, false);
            assertClose(c, want, null, k);
            c = c0.clone();
            Kernels.matmul(a, b, c, m, k, n, true);
            assertClose(c, want, c0, k);
            c = new float[m * n];
            Kernels.matmulTransposedB(a, bT, c, m, k, n, false);
            assertClose(c, want, null, k);
            c = c0.clone();
            Kernels.matmulTransposedA(aT, b, c, m, k, n, true);
            assertClose(c, want, c0, k);
        }
    }

    private static void assertClose(float[] c, double[] want, float[] before, int k) {
        for (int i = 0; i < c.length; i++) {
            double w = want[i] + (before == null ? 0 : before[i]);
            assertThat((double) c[i]).as("element %d", i).isCloseTo(w, within(1e-5 * k + 1e-5));
        }
    }

    private static float[] transpose(float[] x, int rows, int cols) {
        float[] t = new float[x.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = x[i * cols + j];
            }
        }
        return t;
    }

    @Test
    void erfMatchesItsSeriesWithinFloatPrecision() {
        for (double x = -4; x <= 4; x += 0.01) {
            // Maclaurin series, exact enough for |x| ≤ 4 in double with 80 terms
            double term = x, sum = x;
            for (int n = 1; n < 120; n++) {
                term *= -x * x / n;
                sum += term / (2 * n + 1);
            }
            double want = 2 / Math.sqrt(Math.PI) * sum;
            assertThat(Kernels.erf(x)).as("erf(%f)", x).isCloseTo(want, within(3e-7));
        }
        float[] xs = new float[100];
        float[] ys = new float[100];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = -5 + i * 0.1f;
        }
        Kernels.gelu(xs, ys, xs.length);
        for (int i = 0; i < xs.length; i++) {
            double want = xs[i] * 0.5 * (1 + Kernels.erf(xs[i] / Math.sqrt(2)));
            assertThat((double) ys[i]).isCloseTo(want, within(1e-6));
        }
    }

    @Test
    void vectorExpIsAccurate() {
        float[] xs = new float[256];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = -87f + i * (175f / xs.length);
        }
        for (int i = 0; i < xs.length; i += Kernels.F.length()) {
            float[] got = new float[Kernels.F.length()];
            Kernels.exp(jdk.incubator.vector.FloatVector.fromArray(Kernels.F, xs, i)).intoArray(got, 0);
            for (int j = 0; j < got.length; j++) {
                double want = Math.exp(xs[i + j]);
                assertThat(Math.abs(got[j] - want) / want).as("exp(%f)", xs[i + j]).isLessThan(5e-7);
            }
        }
    }

    @Test
    void softmaxZeroesMaskedEntriesAndSumsToOne() {
        float[] x = {1, 2, 3, 100, 100};
        Kernels.softmax(x, 0, 5, new int[] {1, 1, 1, 0, 0}, 0);
        assertThat(x[3]).isZero();
        assertThat(x[4]).isZero();
        assertThat((double) (x[0] + x[1] + x[2])).isCloseTo(1, within(1e-6));
        assertThat((double) x[2] / x[1]).isCloseTo(Math.E, within(1e-5));
    }
}
