package dev.rejection.onnx.quantize;

import dev.rejection.onnx.proto.DataType;
import dev.rejection.onnx.proto.ModelProto;
import dev.rejection.onnx.proto.NodeProto;
import dev.rejection.onnx.proto.TensorProto;
import dev.rejection.testing.StandIns;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Quantize the tiny stand-in, dequantize it: the float graph's shape comes back, weights within half a step. */
class DequantizerTest {

    @Test
    void restoresTheFloatGraphWithinHalfAQuantizationStep() throws IOException {
        ModelProto fp32 = ModelProto.read(StandIns.tiny().resolve("onnx").resolve("model.onnx"));
        ModelProto int8 = new DynamicQuantizer(DynamicQuantizer.Options.DEFAULTS).quantize(fp32).model();
        assertThat(Dequantizer.isQuantized(int8)).isTrue();
        assertThat(Dequantizer.isQuantized(fp32)).isFalse();

        ModelProto back = Dequantizer.dequantize(int8);
        assertThat(Dequantizer.isQuantized(back)).isFalse();
        // the same operators as the float model: every MatMul and bias Add, every Gather
        assertThat(opCounts(back)).isEqualTo(opCounts(fp32));

        Map<String, TensorProto> original = fp32.graph().initializersByName();
        Map<String, TensorProto> restored = back.graph().initializersByName();
        assertThat(restored).doesNotContainKey("roberta.encoder.layer.0.attention.self.query.weight_quantized");
        for (String name : new String[]{"roberta.encoder.layer.0.attention.self.query.weight",
                "roberta.embeddings.word_embeddings.weight"}) {
            TensorProto w = original.get(name);
            TensorProto d = restored.get(name + "_quantized_dequantized");
            assertThat(d.dataType()).isEqualTo(DataType.FLOAT);
            assertThat(d.dims()).containsExactly(w.dims());
            // symmetric per-column int8: step = max |column| / 127, so every value moves by at most half a step
            int rows = (int) w.dims()[0], cols = (int) w.dims()[1];
            float[] a = w.floats(), b = d.floats();
            for (int c = 0; c < cols; c++) {
                double max = 0;
                for (int r = 0; r < rows; r++) {
                    max = Math.max(max, Math.abs(a[r * cols + c]));
                }
                double halfStep = max / 127 / 2;
                for (int r = 0; r < rows; r++) {
                    assertThat((double) Math.abs(a[r * cols + c] - b[r * cols + c])).as("%s [%d, %d]", name, r, c)
                            .isLessThanOrEqualTo(halfStep * (1 + 1e-5) + 1e-9);
                }
            }
        }
        // weights that stayed float are kept as they were
        assertThat(restored.get("classifier.out_proj.weight").floats())
                .containsExactly(original.get("classifier.out_proj.weight").floats());
    }

    @Test
    void aQuantizedWeightThatIsNotAnInitializerIsNamed() {
        ModelProto broken = ModelProto.of(new dev.rejection.onnx.proto.GraphProto("g", java.util.List.of(
                NodeProto.of("mm", "DynamicQuantizeMatMul", java.util.List.of("x", "w", "s", "z"),
                        java.util.List.of("y"))), java.util.List.of(), java.util.List.of(), java.util.List.of(),
                java.util.List.of(), new byte[0]), 8, 17, "test");
        assertThatThrownBy(() -> Dequantizer.dequantize(broken)).hasMessageContaining("node 'mm'")
                .hasMessageContaining("'w'");
    }

    private static Map<String, Long> opCounts(ModelProto model) {
        return model.graph().nodes().stream().collect(Collectors.groupingBy(NodeProto::opType, Collectors.counting()));
    }
}
