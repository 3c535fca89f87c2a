package dev.rejection.train;

/**
 * Limited-memory BFGS with a backtracking (Armijo) line search: the standard two-loop recursion over the last
 * {@code memory} steps. Enough for smooth convex objectives such as regularised logistic regression.
 */
final class Lbfgs {
    private final int memory;
    private final int maxIterations;
    private final double tolerance;

    Lbfgs(int memory, int maxIterations, double tolerance) {
        this.memory = memory;
        this.maxIterations = maxIterations;
        this.tolerance = tolerance;
    }

    double[] minimise(LogisticRegression.Objective f, double[] start) {
        int n = start.length;
        double[] x = start.clone();
        double[] g = new double[n];
        double fx = f.evaluate(x, g);
        double[][] s = new double[memory][n];
        double[][] y = new double[memory][n];
        double[] rho = new double[memory];
        double[] alpha = new double[memory];
        int stored = 0;
        int next = 0;
        double[] direction = new double[n];
        double[] candidate = new double[n];
        double[] candidateGradient = new double[n];

        for (int iteration = 0; iteration < maxIterations && maxAbs(g) > tolerance; iteration++) {
            // two-loop recursion: direction = -H·g
            System.arraycopy(g, 0, direction, 0, n);
            for (int k = 0; k < stored; k++) {
                int i = Math.floorMod(next - 1 - k, memory);
                alpha[i] = rho[i] * dot(s[i], direction);
                axpy(-alpha[i], y[i], direction);
            }
            if (stored > 0) {
                int last = Math.floorMod(next - 1, memory);
                scale(dot(s[last], y[last]) / dot(y[last], y[last]), direction);
            }
            for (int k = stored - 1; k >= 0; k--) {
                int i = Math.floorMod(next - 1 - k, memory);
                double beta = rho[i] * dot(y[i], direction);
                axpy(alpha[i] - beta, s[i], direction);
            }
            scale(-1, direction);
            double slope = dot(g, direction);
            if (slope >= 0) { // not a descent direction: restart from steepest descent
                for (int j = 0; j < n; j++) direction[j] = -g[j];
                slope = dot(g, direction);
                stored = 0;
            }
            double step = 1;
            double fCandidate;
            while (true) {
                for (int j = 0; j < n; j++) candidate[j] = x[j] + step * direction[j];
                fCandidate = f.evaluate(candidate, candidateGradient);
                if (fCandidate <= fx + 1e-4 * step * slope || step < 1e-12) break;
                step *= 0.5;
            }
            if (step < 1e-12) break; // no progress possible at machine precision
            double[] sNew = s[next];
            double[] yNew = y[next];
            for (int j = 0; j < n; j++) {
                sNew[j] = candidate[j] - x[j];
                yNew[j] = candidateGradient[j] - g[j];
            }
            double sy = dot(sNew, yNew);
            if (sy > 1e-12) {
                rho[next] = 1 / sy;
                next = (next + 1) % memory;
                stored = Math.min(stored + 1, memory);
            }
            System.arraycopy(candidate, 0, x, 0, n);
            System.arraycopy(candidateGradient, 0, g, 0, n);
            fx = fCandidate;
        }
        return x;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) sum += a[i] * b[i];
        return sum;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) y[i] += a * x[i];
    }

    private static void scale(double a, double[] x) {
        for (int i = 0; i < x.length; i++) x[i] *= a;
    }

    private static double maxAbs(double[] a) {
        double max = 0;
        for (double v : a) max = Math.max(max, Math.abs(v));
        return max;
    }
}
