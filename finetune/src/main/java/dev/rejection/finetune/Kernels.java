package dev.rejection.finetune;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * The hot loops of the engine, and the only class that knows about SIMD. Matrices are row-major {@code float[]}s;
 * every method says which shapes it expects. Large calls split their rows over the common fork-join pool
 * ({@code -Djava.util.concurrent.ForkJoinPool.common.parallelism} sets the threads); every output element is
 * computed by one task in a fixed order, so results do not depend on the number of threads.
 *
 * <p>The species is fixed once ({@link FloatVector#SPECIES_PREFERRED}: 512-bit on AVX-512 machines) so that the JVM
 * never mixes vector widths.
 */
public final class Kernels {

    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int L = F.length();
    /** Columns of one register tile: 4 vectors wide, 4 rows high (16 accumulators). */
    private static final int STRIP = 4 * L;
    /** Depth of one pass over a packed strip, so that the strip's slice stays in the core's cache. */
    private static final int KC = 256;
    /** Rows one task owns. */
    private static final int MC = 64;
    /** Below this many multiply-adds a matmul runs on the calling thread. */
    private static final long PARALLEL_WORK = 1 << 18;

    private Kernels() {
    }

    // ---------------------------------------------------------------- matrix products

    /** {@code C = A·B} (or {@code C += A·B}): A [m,k], B [k,n], C [m,n]. */
    public static void matmul(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        gemm(m, n, k, a, 0, k, 1, b, 0, n, 1, c, 0, n, accumulate, true);
    }

    /** {@code C = A·Bᵀ} (or {@code +=}): A [m,k], B [n,k], C [m,n]. */
    public static void matmulTransposedB(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        gemm(m, n, k, a, 0, k, 1, b, 0, 1, k, c, 0, n, accumulate, true);
    }

    /** {@code C = Aᵀ·B} (or {@code +=}): A [k,m], B [k,n], C [m,n]. */
    public static void matmulTransposedA(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        gemm(m, n, k, a, 0, 1, m, b, 0, n, 1, c, 0, n, accumulate, true);
    }

    /**
     * The general product {@code C[i][j] (+)= Σ_p A(i,p)·B(p,j)} over strided views: {@code A(i,p)} is
     * {@code a[aOff + i*aRow + p*aCol]}, {@code B(p,j)} is {@code b[bOff + p*bRow + j*bCol]}, {@code C} is row-major
     * with leading dimension {@code ldc}. Transposes are just other strides. B is packed into contiguous strips of
     * {@value #STRIP}/4 vectors (zero-padded), then 4×4-vector register tiles of C are accumulated with FMAs.
     */
    public static void gemm(int m, int n, int k, float[] a, int aOff, int aRow, int aCol,
                            float[] b, int bOff, int bRow, int bCol,
                            float[] c, int cOff, int ldc, boolean accumulate, boolean parallel) {
        if (m == 0 || n == 0) {
            return;
        }
        int strips = (n + STRIP - 1) / STRIP;
        float[] packed = new float[strips * k * STRIP];
        boolean split = parallel && (long) m * n * k >= PARALLEL_WORK;
        forEach(strips, split, s -> pack(b, bOff, bRow, bCol, k, n, s, packed));
        int rowBlocks = (m + MC - 1) / MC;
        forEach(rowBlocks, split, rb -> {
            int rowStart = rb * MC;
            int rowEnd = Math.min(m, rowStart + MC);
            float[] panel = new float[MC * KC];
            float[] tmp = new float[4 * STRIP];
            for (int p0 = 0; p0 < k; p0 += KC) {
                int kLen = Math.min(KC, k - p0);
                packRows(a, aOff, aRow, aCol, rowStart, rowEnd, p0, kLen, panel);
                boolean load = accumulate || p0 > 0;
                for (int s = 0; s < strips; s++) {
                    for (int i = rowStart; i < rowEnd; i += 4) {
                        tile(panel, (i - rowStart) * kLen, i, Math.min(4, rowEnd - i), kLen,
                                packed, (s * k + p0) * STRIP, c, cOff, ldc, s * STRIP,
                                Math.min(STRIP, n - s * STRIP), load, tmp);
                    }
                }
            }
        });
        if (k == 0 && !accumulate) {
            for (int i = 0; i < m; i++) {
                java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
            }
        }
    }

    /**
     * Copies A's rows {@code [from, to)}, depth {@code [p0, p0+kLen)}, into 4-row panels laid out {@code [p][4]}, so
     * a tile's broadcasts read consecutive floats whatever A's strides; a last partial panel repeats its last row.
     */
    private static void packRows(float[] a, int aOff, int aRow, int aCol, int from, int to, int p0, int kLen,
                                 float[] panel) {
        for (int i = from; i < to; i += 4) {
            int base = (i - from) * kLen;
            for (int r = 0; r < 4; r++) {
                int row = Math.min(i + r, to - 1);
                int src = aOff + row * aRow + p0 * aCol;
                for (int p = 0; p < kLen; p++) {
                    panel[base + p * 4 + r] = a[src + p * aCol];
                }
            }
        }
    }

    /** Copies columns {@code [s*STRIP, s*STRIP+STRIP)} of B, all k rows, into its strip; zero past n. */
    private static void pack(float[] b, int bOff, int bRow, int bCol, int k, int n, int s, float[] packed) {
        int j0 = s * STRIP;
        int width = Math.min(STRIP, n - j0);
        int base = s * k * STRIP;
        for (int p = 0; p < k; p++) {
            int dst = base + p * STRIP;
            int src = bOff + p * bRow + j0 * bCol;
            if (bCol == 1) {
                System.arraycopy(b, src, packed, dst, width);
            } else {
                for (int j = 0; j < width; j++) {
                    packed[dst + j] = b[src + j * bCol];
                }
            }
        }
    }

    /**
     * One 4-row × {@value #STRIP}-column tile of C over a packed depth slice: A from its panel ({@code [p][4]} at
     * {@code ap}), B from its strip. Partial tiles (rows past m, columns past n) go through {@code tmp}.
     */
    private static void tile(float[] panel, int ap, int i, int rows, int kLen,
                             float[] bp, int bpOff, float[] c, int cOff, int ldc, int j0, int width,
                             boolean load, float[] tmp) {
        boolean direct = rows == 4 && width == STRIP;
        float[] out;
        int o0;
        int ld;
        if (direct) {
            out = c;
            o0 = cOff + i * ldc + j0;
            ld = ldc;
        } else {
            out = tmp;
            o0 = 0;
            ld = STRIP;
            java.util.Arrays.fill(tmp, 0f);
            if (load) {
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(c, cOff + (i + r) * ldc + j0, tmp, r * STRIP, width);
                }
            }
        }
        FloatVector c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33;
        if (load) {
            c00 = FloatVector.fromArray(F, out, o0);
            c01 = FloatVector.fromArray(F, out, o0 + L);
            c02 = FloatVector.fromArray(F, out, o0 + 2 * L);
            c03 = FloatVector.fromArray(F, out, o0 + 3 * L);
            c10 = FloatVector.fromArray(F, out, o0 + ld);
            c11 = FloatVector.fromArray(F, out, o0 + ld + L);
            c12 = FloatVector.fromArray(F, out, o0 + ld + 2 * L);
            c13 = FloatVector.fromArray(F, out, o0 + ld + 3 * L);
            c20 = FloatVector.fromArray(F, out, o0 + 2 * ld);
            c21 = FloatVector.fromArray(F, out, o0 + 2 * ld + L);
            c22 = FloatVector.fromArray(F, out, o0 + 2 * ld + 2 * L);
            c23 = FloatVector.fromArray(F, out, o0 + 2 * ld + 3 * L);
            c30 = FloatVector.fromArray(F, out, o0 + 3 * ld);
            c31 = FloatVector.fromArray(F, out, o0 + 3 * ld + L);
            c32 = FloatVector.fromArray(F, out, o0 + 3 * ld + 2 * L);
            c33 = FloatVector.fromArray(F, out, o0 + 3 * ld + 3 * L);
        } else {
            FloatVector z = FloatVector.zero(F);
            c00 = z; c01 = z; c02 = z; c03 = z;
            c10 = z; c11 = z; c12 = z; c13 = z;
            c20 = z; c21 = z; c22 = z; c23 = z;
            c30 = z; c31 = z; c32 = z; c33 = z;
        }
        for (int p = 0; p < kLen; p++) {
            int bi = bpOff + p * STRIP;
            FloatVector b0 = FloatVector.fromArray(F, bp, bi);
            FloatVector b1 = FloatVector.fromArray(F, bp, bi + L);
            FloatVector b2 = FloatVector.fromArray(F, bp, bi + 2 * L);
            FloatVector b3 = FloatVector.fromArray(F, bp, bi + 3 * L);
            int pa = ap + p * 4;
            FloatVector x = FloatVector.broadcast(F, panel[pa]);
            c00 = x.fma(b0, c00); c01 = x.fma(b1, c01); c02 = x.fma(b2, c02); c03 = x.fma(b3, c03);
            x = FloatVector.broadcast(F, panel[pa + 1]);
            c10 = x.fma(b0, c10); c11 = x.fma(b1, c11); c12 = x.fma(b2, c12); c13 = x.fma(b3, c13);
            x = FloatVector.broadcast(F, panel[pa + 2]);
            c20 = x.fma(b0, c20); c21 = x.fma(b1, c21); c22 = x.fma(b2, c22); c23 = x.fma(b3, c23);
            x = FloatVector.broadcast(F, panel[pa + 3]);
            c30 = x.fma(b0, c30); c31 = x.fma(b1, c31); c32 = x.fma(b2, c32); c33 = x.fma(b3, c33);
        }
        c00.intoArray(out, o0); c01.intoArray(out, o0 + L);
        c02.intoArray(out, o0 + 2 * L); c03.intoArray(out, o0 + 3 * L);
        c10.intoArray(out, o0 + ld); c11.intoArray(out, o0 + ld + L);
        c12.intoArray(out, o0 + ld + 2 * L); c13.intoArray(out, o0 + ld + 3 * L);
        c20.intoArray(out, o0 + 2 * ld); c21.intoArray(out, o0 + 2 * ld + L);
        c22.intoArray(out, o0 + 2 * ld + 2 * L); c23.intoArray(out, o0 + 2 * ld + 3 * L);
        c30.intoArray(out, o0 + 3 * ld); c31.intoArray(out, o0 + 3 * ld + L);
        c32.intoArray(out, o0 + 3 * ld + 2 * L); c33.intoArray(out, o0 + 3 * ld + 3 * L);
        if (!direct) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(tmp, r * STRIP, c, cOff + (i + r) * ldc + j0, width);
            }
        }
    }

    /** Runs {@code body} for 0..n-1, on the common pool when {@code parallel}. */
    static void forEach(int n, boolean parallel, IntConsumer body) {
        if (parallel && n > 1) {
            IntStream.range(0, n).parallel().forEach(body);
        } else {
            for (int t = 0; t < n; t++) {
                body.accept(t);
            }
        }
    }

    /** Runs {@code body(from, to)} over row chunks of {@code rows}, in parallel when the work is large. */
    static void forRows(int rows, int cols, RowRange body) {
        long work = (long) rows * cols;
        int chunks = work < (1 << 15) ? 1 : Math.min(rows, 4 * Runtime.getRuntime().availableProcessors());
        int per = (rows + chunks - 1) / Math.max(1, chunks);
        forEach(chunks, chunks > 1, t -> {
            int from = t * per;
            int to = Math.min(rows, from + per);
            if (from < to) {
                body.run(from, to);
            }
        });
    }

    /** A range of rows {@code [from, to)}. */
    @FunctionalInterface
    interface RowRange {
        void run(int from, int to);
    }

    // ---------------------------------------------------------------- element-wise

    /** {@code y[i] = x[i] + bias[i % n]} over rows of width n (y may be x). */
    public static void addBias(float[] x, float[] bias, float[] y, int rows, int n) {
        forRows(rows, n, (from, to) -> {
            for (int r = from; r < to; r++) {
                int o = r * n;
                int j = 0;
                for (; j < F.loopBound(n); j += L) {
                    FloatVector.fromArray(F, x, o + j).add(FloatVector.fromArray(F, bias, j)).intoArray(y, o + j);
                }
                for (; j < n; j++) {
                    y[o + j] = x[o + j] + bias[j];
                }
            }
        });
    }

    /** {@code db[j] += Σ_rows dy[r][j]}. */
    public static void sumRows(float[] dy, float[] db, int rows, int n) {
        int j = 0;
        for (; j < F.loopBound(n); j += L) {
            FloatVector acc = FloatVector.fromArray(F, db, j);
            for (int r = 0; r < rows; r++) {
                acc = acc.add(FloatVector.fromArray(F, dy, r * n + j));
            }
            acc.intoArray(db, j);
        }
        for (; j < n; j++) {
            float s = db[j];
            for (int r = 0; r < rows; r++) {
                s += dy[r * n + j];
            }
            db[j] = s;
        }
    }

    /** {@code y = a + b} element-wise over {@code n} values (y may alias a or b). */
    public static void add(float[] a, float[] b, float[] y, int n) {
        int i = 0;
        for (; i < F.loopBound(n); i += L) {
            FloatVector.fromArray(F, a, i).add(FloatVector.fromArray(F, b, i)).intoArray(y, i);
        }
        for (; i < n; i++) {
            y[i] = a[i] + b[i];
        }
    }

    /** {@code y = x ⊙ m} element-wise (dropout with a precomputed, already scaled mask; y may be x). */
    public static void multiply(float[] x, float[] m, float[] y, int n) {
        int i = 0;
        for (; i < F.loopBound(n); i += L) {
            FloatVector.fromArray(F, x, i).mul(FloatVector.fromArray(F, m, i)).intoArray(y, i);
        }
        for (; i < n; i++) {
            y[i] = x[i] * m[i];
        }
    }

    private static final float SQRT_HALF = (float) Math.sqrt(0.5);
    private static final float INV_SQRT_2PI = (float) (1 / Math.sqrt(2 * Math.PI));

    /** GELU with erf, {@code y = x·Φ(x) = x·½(1 + erf(x/√2))}, over n values. */
    public static void gelu(float[] x, float[] y, int n) {
        forRows(n / 1024 + 1, 1024, (from, to) -> {
            int end = Math.min(n, to * 1024);
            int i = from * 1024;
            for (; i + L <= end; i += L) {
                FloatVector v = FloatVector.fromArray(F, x, i);
                v.mul(erf(v.mul(SQRT_HALF)).add(1f)).mul(0.5f).intoArray(y, i);
            }
            for (; i < end; i++) {
                y[i] = (float) (x[i] * 0.5 * (1 + erf(x[i] * SQRT_HALF)));
            }
        });
    }

    /** {@code dx = dy · gelu'(x)} with {@code gelu'(x) = Φ(x) + x·φ(x)}. */
    public static void geluBackward(float[] x, float[] dy, float[] dx, int n) {
        forRows(n / 1024 + 1, 1024, (from, to) -> {
            int end = Math.min(n, to * 1024);
            int i = from * 1024;
            for (; i + L <= end; i += L) {
                FloatVector v = FloatVector.fromArray(F, x, i);
                FloatVector cdf = erf(v.mul(SQRT_HALF)).add(1f).mul(0.5f);
                FloatVector pdf = exp(v.mul(v).mul(-0.5f)).mul(INV_SQRT_2PI);
                cdf.add(v.mul(pdf)).mul(FloatVector.fromArray(F, dy, i)).intoArray(dx, i);
            }
            for (; i < end; i++) {
                double v = x[i];
                double d = 0.5 * (1 + erf(v * SQRT_HALF)) + v * StrictMath.exp(-0.5 * v * v) * INV_SQRT_2PI;
                dx[i] = (float) (dy[i] * d);
            }
        });
    }

    // Abramowitz & Stegun 7.1.26: |error| < 1.5e-7, below float resolution near 1
    private static final float P = 0.3275911f;
    private static final float A1 = 0.254829592f;
    private static final float A2 = -0.284496736f;
    private static final float A3 = 1.421413741f;
    private static final float A4 = -1.453152027f;
    private static final float A5 = 1.061405429f;

    private static final float LOG2E = (float) (1 / Math.log(2));
    private static final float LN2_HI = 0.693145751953125f;     // ln 2 split so n·LN2_HI is exact
    private static final float LN2_LO = 1.428606765330187e-06f;
    private static final float ROUND = 12582912f;                // 1.5·2^23: adding it rounds to an integer

    /**
     * e^x per lane from additions, multiplications, FMAs and exact conversions only — unlike
     * {@code lanewise(EXP)}, whose intrinsic and Java fallback may differ in the last bit, this gives the same bits
     * compiled or interpreted, on every JDK, so training is reproducible. Relative error about 2e-7; inputs are
     * clamped to [-87.3, 88].
     */
    static FloatVector exp(FloatVector x) {
        FloatVector c = x.max(-87.3f).min(88f);
        FloatVector n = c.mul(LOG2E).add(ROUND).sub(ROUND);
        FloatVector r = c.sub(n.mul(LN2_HI)).sub(n.mul(LN2_LO)); // n·LN2_HI is exact
        FloatVector p = r.mul(1 / 5040f).add(1 / 720f).mul(r).add(1 / 120f).mul(r).add(1 / 24f).mul(r)
                .add(1 / 6f).mul(r).add(0.5f).mul(r).add(1f).mul(r).add(1f);
        IntVector scale = ((IntVector) n.convert(VectorOperators.F2I, 0)).add(127).lanewise(VectorOperators.LSHL, 23);
        return p.mul(scale.reinterpretAsFloats());
    }

    /** The lanes' sum, added first to last: {@code reduceLanes(ADD)} leaves the order to the implementation. */
    private static float addLanes(FloatVector v) {
        float[] lanes = new float[L];
        v.intoArray(lanes, 0);
        float s = 0;
        for (float f : lanes) {
            s += f;
        }
        return s;
    }

    static FloatVector erf(FloatVector x) {
        FloatVector ax = x.abs();
        FloatVector t = ax.mul(P).add(1f);
        t = FloatVector.broadcast(F, 1f).div(t);
        FloatVector poly = t.mul(A5).add(A4).mul(t).add(A3).mul(t).add(A2).mul(t).add(A1).mul(t);
        FloatVector e = exp(ax.mul(ax).neg());
        FloatVector y = poly.mul(e).neg().add(1f);
        return y.blend(y.neg(), x.lt(0f));
    }

    static double erf(double x) {
        double ax = Math.abs(x);
        double t = 1 / (1 + P * ax);
        double poly = ((((A5 * t + A4) * t + A3) * t + A2) * t + A1) * t;
        double y = 1 - poly * StrictMath.exp(-ax * ax);
        return x < 0 ? -y : y;
    }

    /** tanh in place over n values (the classification heads: [batch, hidden], small). */
    public static void tanh(float[] x, float[] y, int n) {
        for (int i = 0; i < n; i++) {
            y[i] = (float) StrictMath.tanh(x[i]);
        }
    }

    /** {@code dx = dy·(1 - y²)} where y = tanh(x). */
    public static void tanhBackward(float[] y, float[] dy, float[] dx, int n) {
        for (int i = 0; i < n; i++) {
            dx[i] = dy[i] * (1 - y[i] * y[i]);
        }
    }

    // ---------------------------------------------------------------- LayerNorm

    /**
     * LayerNorm over rows of width n: {@code y = (x - mean)·rstd·γ + β}; keeps {@code mean} and {@code rstd}
     * ({@code 1/sqrt(var + eps)}) per row for the backward pass.
     */
    public static void layerNorm(float[] x, float[] gamma, float[] beta, float[] y, float[] mean, float[] rstd,
                                 int rows, int n, float eps) {
        forRows(rows, n, (from, to) -> {
            for (int r = from; r < to; r++) {
                int o = r * n;
                float mu = sum(x, o, n) / n;
                float var = 0;
                int j = 0;
                FloatVector acc = FloatVector.zero(F);
                for (; j < F.loopBound(n); j += L) {
                    FloatVector d = FloatVector.fromArray(F, x, o + j).sub(mu);
                    acc = d.fma(d, acc);
                }
                var = addLanes(acc);
                for (; j < n; j++) {
                    float d = x[o + j] - mu;
                    var += d * d;
                }
                float rs = (float) (1 / Math.sqrt(var / n + eps));
                mean[r] = mu;
                rstd[r] = rs;
                j = 0;
                for (; j < F.loopBound(n); j += L) {
                    FloatVector.fromArray(F, x, o + j).sub(mu).mul(rs)
                            .fma(FloatVector.fromArray(F, gamma, j), FloatVector.fromArray(F, beta, j))
                            .intoArray(y, o + j);
                }
                for (; j < n; j++) {
                    y[o + j] = (x[o + j] - mu) * rs * gamma[j] + beta[j];
                }
            }
        });
    }

    /**
     * LayerNorm backward: with {@code x̂ = (x - mean)·rstd} and {@code g = dy·γ},
     * {@code dx = rstd·(g - mean(g) - x̂·mean(g·x̂))}; {@code dγ += Σ dy·x̂}, {@code dβ += Σ dy}.
     */
    public static void layerNormBackward(float[] x, float[] gamma, float[] mean, float[] rstd, float[] dy,
                                         float[] dx, float[] dGamma, float[] dBeta, int rows, int n) {
        forRows(rows, n, (from, to) -> {
            for (int r = from; r < to; r++) {
                int o = r * n;
                float mu = mean[r];
                float rs = rstd[r];
                float sumG = 0;
                float sumGx = 0;
                for (int j = 0; j < n; j++) {
                    float xh = (x[o + j] - mu) * rs;
                    float g = dy[o + j] * gamma[j];
                    sumG += g;
                    sumGx += g * xh;
                }
                float mg = sumG / n;
                float mgx = sumGx / n;
                for (int j = 0; j < n; j++) {
                    float xh = (x[o + j] - mu) * rs;
                    dx[o + j] = rs * (dy[o + j] * gamma[j] - mg - xh * mgx);
                }
            }
        });
        // parameter gradients sum over all rows: one pass, serial, so the order (and result) is fixed
        for (int r = 0; r < rows; r++) {
            int o = r * n;
            float mu = mean[r];
            float rs = rstd[r];
            for (int j = 0; j < n; j++) {
                dGamma[j] += dy[o + j] * (x[o + j] - mu) * rs;
                dBeta[j] += dy[o + j];
            }
        }
    }

    // ---------------------------------------------------------------- softmax

    /**
     * Softmax in place over a row of {@code n} at {@code off}; entries whose {@code keep[keepOff + j]} is 0
     * (padding keys) get probability exactly 0 — what adding float32's minimum before the softmax gives.
     */
    public static void softmax(float[] x, int off, int n, int[] keep, int keepOff) {
        float max = Float.NEGATIVE_INFINITY;
        boolean masked = false;
        for (int j = 0; j < n; j++) {
            if (keep[keepOff + j] != 0) {
                max = Math.max(max, x[off + j]);
            } else {
                masked = true;
            }
        }
        int j = 0;
        for (; j < F.loopBound(n); j += L) {
            exp(FloatVector.fromArray(F, x, off + j).sub(max)).intoArray(x, off + j);
        }
        for (; j < n; j++) {
            x[off + j] = (float) StrictMath.exp(x[off + j] - max);
        }
        if (masked) {
            for (j = 0; j < n; j++) {
                if (keep[keepOff + j] == 0) {
                    x[off + j] = 0f;
                }
            }
        }
        float inv = 1 / sum(x, off, n);
        for (j = 0; j < F.loopBound(n); j += L) {
            FloatVector.fromArray(F, x, off + j).mul(inv).intoArray(x, off + j);
        }
        for (; j < n; j++) {
            x[off + j] *= inv;
        }
    }

    /**
     * Softmax backward on one row of {@code n}, in place on {@code dy}: {@code dx = scale · y ⊙ (dy - Σ dy·y)}
     * (scale folds in the factor that preceded the softmax).
     */
    public static void softmaxBackwardInto(float[] y, int yOff, float[] dy, int dyOff, int n, float scale) {
        float dot = dot(y, yOff, dy, dyOff, n);
        for (int j = 0; j < n; j++) {
            dy[dyOff + j] = scale * y[yOff + j] * (dy[dyOff + j] - dot);
        }
    }

    // ---------------------------------------------------------------- reductions and copies

    public static float sum(float[] x, int off, int n) {
        FloatVector acc = FloatVector.zero(F);
        int j = 0;
        for (; j < F.loopBound(n); j += L) {
            acc = acc.add(FloatVector.fromArray(F, x, off + j));
        }
        float s = addLanes(acc);
        for (; j < n; j++) {
            s += x[off + j];
        }
        return s;
    }

    public static float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        FloatVector acc = FloatVector.zero(F);
        int j = 0;
        for (; j < F.loopBound(n); j += L) {
            acc = FloatVector.fromArray(F, a, aOff + j).fma(FloatVector.fromArray(F, b, bOff + j), acc);
        }
        float s = addLanes(acc);
        for (; j < n; j++) {
            s += a[aOff + j] * b[bOff + j];
        }
        return s;
    }

    /** Sum of squares over n values, in double (for the global gradient norm). */
    public static double sumOfSquares(float[] x, int n) {
        FloatVector acc = FloatVector.zero(F);
        double s = 0;
        int j = 0;
        for (; j < F.loopBound(n); j += L) {
            FloatVector v = FloatVector.fromArray(F, x, j);
            acc = v.fma(v, acc);
            if ((j & 0xFFFF) == 0) { // flush often enough that float partial sums stay accurate
                s += addLanes(acc);
                acc = FloatVector.zero(F);
            }
        }
        s += addLanes(acc);
        for (; j < n; j++) {
            s += (double) x[j] * x[j];
        }
        return s;
    }

    /**
     * One AdamW step over n values (PyTorch's {@code torch.optim.AdamW}): decoupled weight decay
     * {@code w -= lr·wd·w}, then {@code w -= lr·m̂/(sqrt(v̂) + eps)} with bias-corrected moments. {@code scale}
     * multiplies the gradient first (gradient clipping).
     */
    public static void adamW(float[] w, float[] g, float[] m, float[] v, int n, float lr, float beta1, float beta2,
                             float eps, float weightDecay, float scale, float bc1, float bc2) {
        float decay = 1 - lr * weightDecay;
        float stepSize = lr / bc1;
        float sqrtBc2 = (float) Math.sqrt(bc2);
        forRows(n / 4096 + 1, 4096, (from, to) -> {
            int end = Math.min(n, to * 4096);
            int i = from * 4096;
            for (; i + L <= end; i += L) {
                FloatVector gi = FloatVector.fromArray(F, g, i).mul(scale);
                FloatVector mi = FloatVector.fromArray(F, m, i).mul(beta1).add(gi.mul(1 - beta1));
                FloatVector vi = FloatVector.fromArray(F, v, i).mul(beta2).add(gi.mul(gi).mul(1 - beta2));
                mi.intoArray(m, i);
                vi.intoArray(v, i);
                FloatVector denom = vi.sqrt().div(sqrtBc2).add(eps);
                FloatVector.fromArray(F, w, i).mul(decay).sub(mi.div(denom).mul(stepSize)).intoArray(w, i);
            }
            for (; i < end; i++) {
                float gi = g[i] * scale;
                m[i] = beta1 * m[i] + (1 - beta1) * gi;
                v[i] = beta2 * v[i] + (1 - beta2) * gi * gi;
                float denom = (float) Math.sqrt(v[i]) / sqrtBc2 + eps;
                w[i] = w[i] * decay - stepSize * m[i] / denom;
            }
        });
    }
}
