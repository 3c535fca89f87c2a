package dev.rejection.onnx.quantize;

import dev.rejection.onnx.proto.DataType;
import dev.rejection.onnx.proto.TensorProto;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A float matrix [rows, cols] quantized to int8 with one scale per column (or one for the whole matrix), symmetric
 * around zero as ONNX Runtime quantizes weights: {@code w ≈ scale[col] * q}, {@code q} in [-127, 127] (or [-64, 63]
 * with a reduced range), zero point 0. Per column means per output feature of a {@code x @ W} MatMul, and per
 * hidden dimension of an embedding table, so one large column does not coarsen all the others.
 *
 * @param values row-major int8 values
 * @param scales one scale per column, or a single one
 */
public record Int8Matrix(int rows, int cols, byte[] values, float[] scales) {

    /**
     * Quantizes {@code w}, row-major [rows, cols].
     *
     * @param perColumn   one scale per column, else one for the whole matrix
     * @param reduceRange 7-bit values: avoids the int16 overflow of ONNX Runtime's u8s8 kernels on CPUs without VNNI
     */
    public static Int8Matrix quantize(float[] w, int rows, int cols, boolean perColumn, boolean reduceRange) {
        if ((long) rows * cols != w.length) {
            throw new IllegalArgumentException(w.length + " values for a " + rows + "x" + cols + " matrix");
        }
        int max = reduceRange ? 63 : 127;
        float[] amax = new float[perColumn ? cols : 1];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int s = perColumn ? c : 0;
                amax[s] = Math.max(amax[s], Math.abs(w[r * cols + c]));
            }
        }
        float[] scales = new float[amax.length];
        for (int s = 0; s < scales.length; s++) {
            scales[s] = amax[s] > 0 ? amax[s] / max : 1f; // an all-zero column quantizes to zeros at any scale
        }
        byte[] q = new byte[w.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                float scale = scales[perColumn ? c : 0];
                long v = Math.round(Math.rint(w[r * cols + c] / scale)); // half to even, as numpy and ORT round
                q[r * cols + c] = (byte) Math.max(-max, Math.min(max, v));
            }
        }
        return new Int8Matrix(rows, cols, q, scales);
    }

    /** The transpose of a row-major [rows, cols] float matrix (Gemm's {@code transB} weights). */
    static float[] transpose(float[] w, int rows, int cols) {
        float[] t = new float[w.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = w[r * cols + c];
            }
        }
        return t;
    }

    /** The value of element (row, col) after dequantization. */
    public float dequantized(int row, int col) {
        return values[row * cols + col] * scales[scales.length == 1 ? 0 : col];
    }

    TensorProto valuesTensor(String name) {
        return TensorProto.of(name, DataType.INT8, ByteBuffer.wrap(values), rows, cols);
    }

    /** The scales: a 1-D tensor per column, a scalar for the whole matrix. */
    TensorProto scalesTensor(String name) {
        return scales.length == 1 ? TensorProto.ofFloats(name, scales) : TensorProto.ofFloats(name, scales, cols);
    }

    /** Zero points (all 0) shaped like the scales. */
    TensorProto zeroPointsTensor(String name) {
        ByteBuffer zeros = ByteBuffer.allocate(scales.length).order(ByteOrder.LITTLE_ENDIAN);
        return scales.length == 1 ? TensorProto.of(name, DataType.INT8, zeros)
                : TensorProto.of(name, DataType.INT8, zeros, cols);
    }
}
