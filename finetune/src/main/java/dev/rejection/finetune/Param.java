package dev.rejection.finetune;

import java.util.Arrays;

/**
 * A trainable tensor: its Hugging Face parameter name, its shape as the engine stores it, its values and the
 * gradient the backward pass accumulates.
 *
 * <p>Linear weights are stored {@code [in, out]} — the right-hand side of {@code x·W}, as the ONNX graphs store
 * them — which is the transpose of PyTorch's {@code Linear.weight} {@code [out, in]}; {@link #linear} says which
 * tensors those are, so checkpoint readers and writers can transpose.
 */
public final class Param {

    private final String name;
    private final int[] shape;
    private final boolean linear;
    private final boolean decay;
    final float[] value;
    final float[] grad;

    Param(String name, boolean linear, boolean decay, int... shape) {
        this.name = name;
        this.shape = shape.clone();
        this.linear = linear;
        this.decay = decay;
        int n = 1;
        for (int d : shape) {
            n = Math.multiplyExact(n, d);
        }
        this.value = new float[n];
        this.grad = new float[n];
    }

    /** A Linear layer's weight, {@code [in, out]}; decayed. */
    static Param linearWeight(String name, int in, int out) {
        return new Param(name, true, true, in, out);
    }

    /** A bias or LayerNorm vector; never decayed (Hugging Face's Trainer excludes both from weight decay). */
    static Param vector(String name, int n) {
        return new Param(name, false, false, n);
    }

    /** An embedding table {@code [rows, width]}; decayed. */
    static Param embedding(String name, int rows, int width) {
        return new Param(name, false, true, rows, width);
    }

    public String name() {
        return name;
    }

    public int[] shape() {
        return shape.clone();
    }

    /** True for a Linear weight stored {@code [in, out]} (transposed from PyTorch's layout). */
    public boolean linear() {
        return linear;
    }

    /** Whether AdamW's weight decay applies. */
    public boolean decay() {
        return decay;
    }

    public int size() {
        return value.length;
    }

    /** The values (the live array: the optimizer updates it in place). */
    public float[] values() {
        return value;
    }

    /** The accumulated gradient (the live array). */
    public float[] gradient() {
        return grad;
    }

    /** Replaces the values; fails naming the parameter when the count differs. */
    public void set(float[] values) {
        if (values.length != value.length) {
            throw new IllegalArgumentException("parameter '" + name + "' " + Arrays.toString(shape) + " has "
                    + value.length + " values, got " + values.length);
        }
        System.arraycopy(values, 0, value, 0, values.length);
    }

    public void zeroGrad() {
        Arrays.fill(grad, 0f);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
