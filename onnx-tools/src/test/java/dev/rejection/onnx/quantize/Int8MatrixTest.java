package dev.rejection.onnx.quantize;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class Int8MatrixTest {

    private static final float[] W = { // [3, 2]: column 0 large, column 1 small, as per-column scales are for
        1.0f, 0.01f,
        -2.54f, -0.02f,
        0.5f, 0.005f};

    @Test
    void perColumnScalesKeepSmallColumnsPrecise() {
        Int8Matrix m = Int8Matrix.quantize(W, 3, 2, true, false);
        assertThat(m.scales()).containsExactly(2.54f / 127, 0.02f / 127);
        assertThat(m.values()[2]).isEqualTo((byte) -127); // the largest |value| of a column maps to ±127
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 2; c++) {
                assertThat(m.dequantized(r, c)).isCloseTo(W[r * 2 + c], within(m.scales()[c] / 2 + 1e-7f));
            }
        }
    }

    @Test
    void oneScalePerMatrixLosesTheSmallColumn() {
        Int8Matrix m = Int8Matrix.quantize(W, 3, 2, false, false);
        assertThat(m.scales()).containsExactly(2.54f / 127);
        assertThat(m.dequantized(2, 1)).isZero(); // 0.005 is under half a step of 0.02
    }

    @Test
    void reducedRangeUsesSevenBitsAndZeroColumnsStayZero() {
        Int8Matrix m = Int8Matrix.quantize(new float[] {3f, 0f, -6.3f, 0f}, 2, 2, true, true);
        assertThat(m.values()).containsExactly(30, 0, -63, 0);
        assertThat(m.scales()[1]).isEqualTo(1f);
    }

    @Test
    void transposeAndShapeChecks() {
        assertThat(Int8Matrix.transpose(W, 3, 2)).containsExactly(1.0f, -2.54f, 0.5f, 0.01f, -0.02f, 0.005f);
        assertThatThrownBy(() -> Int8Matrix.quantize(W, 2, 2, true, false))
                .hasMessageContaining("6 values for a 2x2 matrix");
    }
}
