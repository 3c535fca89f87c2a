package dev.rejection.finetune.train;

import dev.rejection.finetune.Kernels;
import dev.rejection.finetune.Param;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PyTorch's {@code AdamW} over a model's parameters, with the Hugging Face Trainer's grouping: weight decay on
 * weights and embeddings, none on biases and LayerNorm parameters ({@link Param#decay()}). Global gradient-norm
 * clipping ({@code clip_grad_norm_}) happens in {@link #step}.
 */
public final class AdamW {

    private final List<Param> params;
    private final float[][] m;
    private final float[][] v;
    private final float beta1;
    private final float beta2;
    private final float eps;
    private final float weightDecay;
    private long steps;

    public AdamW(List<Param> params, double beta1, double beta2, double eps, double weightDecay) {
        this.params = List.copyOf(params);
        this.m = new float[params.size()][];
        this.v = new float[params.size()][];
        for (int i = 0; i < params.size(); i++) {
            m[i] = new float[params.get(i).size()];
            v[i] = new float[params.get(i).size()];
        }
        this.beta1 = (float) beta1;
        this.beta2 = (float) beta2;
        this.eps = (float) eps;
        this.weightDecay = (float) weightDecay;
    }

    /** The L2 norm of all gradients together. */
    public double gradientNorm() {
        double s = 0;
        for (Param p : params) {
            s += Kernels.sumOfSquares(p.gradient(), p.size());
        }
        return Math.sqrt(s);
    }

    /**
     * One update at learning rate {@code lr}, the gradients first scaled so their global norm is at most
     * {@code maxGradNorm} (no clipping when it is 0 or less). Returns the norm before clipping.
     */
    public double step(double lr, double maxGradNorm) {
        double norm = gradientNorm();
        float scale = maxGradNorm > 0 && norm > maxGradNorm ? (float) (maxGradNorm / (norm + 1e-6)) : 1f;
        steps++;
        float bc1 = (float) (1 - Math.pow(beta1, steps));
        float bc2 = (float) (1 - Math.pow(beta2, steps));
        for (int i = 0; i < params.size(); i++) {
            Param p = params.get(i);
            Kernels.adamW(p.values(), p.gradient(), m[i], v[i], p.size(), (float) lr, beta1, beta2, eps,
                    p.decay() ? weightDecay : 0f, scale, bc1, bc2);
        }
        return norm;
    }

    public long steps() {
        return steps;
    }

    /** The moments by parameter name ({@code <name>.exp_avg}, {@code <name>.exp_avg_sq}), for a checkpoint. */
    public Map<String, float[]> state() {
        Map<String, float[]> s = new LinkedHashMap<>();
        for (int i = 0; i < params.size(); i++) {
            s.put(params.get(i).name() + ".exp_avg", m[i]);
            s.put(params.get(i).name() + ".exp_avg_sq", v[i]);
        }
        return s;
    }

    /** Restores {@link #state()} and the step count; fails naming a missing or misshapen moment. */
    public void restore(Map<String, float[]> state, long stepCount, String source) {
        for (int i = 0; i < params.size(); i++) {
            copy(state, params.get(i).name() + ".exp_avg", m[i], source);
            copy(state, params.get(i).name() + ".exp_avg_sq", v[i], source);
        }
        steps = stepCount;
    }

    private static void copy(Map<String, float[]> state, String name, float[] into, String source) {
        float[] from = state.get(name);
        if (from == null || from.length != into.length) {
            throw new IllegalArgumentException(source + ": optimizer state '" + name + "' is "
                    + (from == null ? "missing" : from.length + " values, expected " + into.length));
        }
        System.arraycopy(from, 0, into, 0, into.length);
    }
}
