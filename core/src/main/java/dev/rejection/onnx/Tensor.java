package dev.rejection.onnx;

import java.util.Arrays;

/**
 * A float tensor read back from ONNX Runtime: row-major values with their shape.
 *
 * @param values row-major data
 * @param shape  dimensions, outermost first
 */
public record Tensor(float[] values, long[] shape) {

    /** The tensor as {@code [shape[0]][product of the other dimensions]}, e.g. logits as {@code [batch][labels]}. */
    public float[][] rows() {
        int rows = (int) shape[0];
        int width = rows == 0 ? 0 : values.length / rows;
        float[][] out = new float[rows][];
        for (int r = 0; r < rows; r++) {
            out[r] = Arrays.copyOfRange(values, r * width, (r + 1) * width);
        }
        return out;
    }

    @Override
    public String toString() {
        return "Tensor" + Arrays.toString(shape);
    }
}
