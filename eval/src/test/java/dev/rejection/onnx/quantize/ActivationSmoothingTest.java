package dev.rejection.onnx.quantize;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.rejection.eval.agreement.CalibrationTexts;
import dev.rejection.model.ModelDir;
import dev.rejection.onnx.OnnxModel;
import dev.rejection.onnx.TokenBatch;
import dev.rejection.onnx.graph.GraphBuilder;
import dev.rejection.onnx.proto.DataType;
import dev.rejection.onnx.proto.ModelProto;
import dev.rejection.onnx.proto.NodeProto;
import dev.rejection.onnx.proto.TensorProto;
import dev.rejection.onnx.proto.ValueInfoProto.Dim;
import dev.rejection.testing.StandIns;
import dev.rejection.tokenizer.Encoding;
import dev.rejection.tokenizer.Tokenizer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * SmoothQuant smoothing: the float model computes the same logits, each weight row is scaled by the balance of its
 * ranges, and an input with outlier channels loses less to int8.
 */
class ActivationSmoothingTest {

    private static final Pattern ALL = Pattern.compile(".*");
    private static final String INTERMEDIATE = "roberta.encoder.layer.0.intermediate.dense.weight";

    @Test
    void namesTheInputsOfTheMatchedMatMulsOnceEach() throws IOException {
        ModelProto tiny = tiny();
        // 2 layers x (query/key/value share one input, attention output, 2 feed-forward) + classifier dense, out_proj
        assertThat(ActivationSmoothing.activations(tiny, ALL)).hasSize(10).doesNotHaveDuplicates();
        assertThat(ActivationSmoothing.activations(tiny, Pattern.compile(".*intermediate.*"))).hasSize(2);
        assertThat(ActivationSmoothing.activations(tiny, Pattern.compile("nothing"))).isEmpty();
    }

    @Test
    void theFloatModelGivesTheSameLogits() throws IOException {
        ModelProto tiny = tiny();
        // arbitrary ranges over four orders of magnitude: smoothing is exact in float whatever they are
        Random random = new Random(7);
        Map<String, float[]> ranges = new HashMap<>();
        for (String x : ActivationSmoothing.activations(tiny, ALL)) {
            float[] r = new float[rowsOf(tiny, x)];
            for (int j = 0; j < r.length; j++) {
                r[j] = (float) Math.pow(10, random.nextDouble() * 4 - 2);
            }
            ranges.put(x, r);
        }
        ModelProto smoothed = ActivationSmoothing.smooth(tiny, ALL, ranges, 0.5);
        assertThat(smoothed.graph().nodes().stream().filter(n -> n.opType().equals("Mul")).count())
                .isEqualTo(tiny.graph().nodes().stream().filter(n -> n.opType().equals("Mul")).count() + 10);

        Tokenizer tokenizer = Tokenizer.fromDirectory(StandIns.tiny());
        List<Encoding> encodings = CalibrationTexts.builtIn().subList(0, 32).stream().map(tokenizer::encode).toList();
        TokenBatch batch = TokenBatch.pad(encodings, tokenizer.padId().orElseThrow());
        try (OnnxModel a = OnnxModel.load(tiny.toByteArray(), "tiny", 1);
             OnnxModel b = OnnxModel.load(smoothed.toByteArray(), "smoothed tiny", 1)) {
            float[][] expected = a.logits(batch);
            float[][] actual = b.logits(batch);
            for (int i = 0; i < expected.length; i++) {
                for (int l = 0; l < expected[i].length; l++) {
                    assertThat(actual[i][l]).as("text %d, label %d", i, l).isCloseTo(expected[i][l], within(1e-5f));
                }
            }
        }
    }

    @Test
    void scalesEachWeightRowByTheBalanceOfItsRanges() throws IOException {
        ModelProto tiny = tiny();
        NodeProto matMul = reader(tiny, INTERMEDIATE);
        String x = matMul.inputs().get(0);
        ModelProto smoothed = ActivationSmoothing.smooth(tiny, ALL, countingRanges(tiny), 0.75);

        TensorProto before = tiny.graph().initializersByName().get(INTERMEDIATE);
        TensorProto after = smoothed.graph().initializersByName().get(INTERMEDIATE);
        float[] w = before.floats();
        float[] scaled = after.floats();
        int cols = (int) before.dims()[1];
        NodeProto newMatMul = reader(smoothed, INTERMEDIATE);
        NodeProto mul = smoothed.graph().nodes().stream()
                .filter(n -> n.outputs().contains(newMatMul.inputs().get(0))).findFirst().orElseThrow();
        assertThat(mul.opType()).isEqualTo("Mul");
        assertThat(mul.inputs().get(0)).isEqualTo(x);
        float[] inverse = smoothed.graph().initializersByName().get(mul.inputs().get(1)).floats();
        for (int j = 0; j < 32; j++) {
            double wMax = 0;
            for (int c = 0; c < cols; c++) {
                wMax = Math.max(wMax, Math.abs(w[j * cols + c]));
            }
            double s = Math.pow(j + 1, 0.75) / Math.pow(wMax, 0.25); // max|x_j|^alpha / max|W_j|^(1 - alpha)
            assertThat((double) inverse[j]).isCloseTo(1 / s, within(1e-6 / s));
            for (int c = 0; c < cols; c++) {
                assertThat((double) scaled[j * cols + c]).isCloseTo(w[j * cols + c] * s, within(1e-6 * wMax * s));
            }
        }
        // the residual connection still reads the unsmoothed value
        assertThat(smoothed.graph().nodes()).anyMatch(n -> n.opType().equals("Add") && n.inputs().contains(x));
    }

    @Test
    void anInputWithOutlierChannelsLosesLessToInt8() throws OrtException {
        // y = x W, x with two channels 200x the others, as a transformer's LayerNorm output has
        int rows = 64;
        int in = 64;
        int out = 32;
        Random random = new Random(11);
        float[] w = new float[in * out];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (random.nextGaussian() * 0.1);
        }
        float[][] x = new float[rows][in];
        float[] absMax = new float[in];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < in; j++) {
                x[r][j] = (float) (random.nextGaussian() * (j < 2 ? 200 : 1));
                absMax[j] = Math.max(absMax[j], Math.abs(x[r][j]));
            }
        }
        GraphBuilder g = new GraphBuilder("outliers");
        String input = g.input("x", DataType.FLOAT, Dim.param("rows"), Dim.of(in));
        String y = g.opNamed("y", "MatMul", List.of(input, g.weight(TensorProto.ofFloats("w", w, in, out))));
        g.output(y, DataType.FLOAT, Dim.param("rows"), Dim.of(out));
        ModelProto model = ModelProto.of(g.build(), 8, 17, "test");
        DynamicQuantizer quantizer = new DynamicQuantizer(DynamicQuantizer.Options.DEFAULTS);
        ModelProto plain = quantizer.quantize(model).model();
        ModelProto smoothed = quantizer.quantize(ActivationSmoothing.smooth(model, ALL, Map.of("x", absMax), 0.5))
                .model();

        float[][] exact = run(model, x);
        double plainError = meanAbsDifference(exact, run(plain, x));
        double smoothedError = meanAbsDifference(exact, run(smoothed, x));
        System.out.printf("outlier channels, mean |Δy| in int8: %.4f plain, %.4f smoothed%n", plainError,
                smoothedError);
        assertThat(smoothedError).isLessThan(plainError / 2);
    }

    @Test
    void undoGivesBackTheOriginalGraphAndWeights() throws IOException {
        ModelProto tiny = tiny();
        ModelProto undone = ActivationSmoothing.undo(ActivationSmoothing.smooth(tiny, ALL, countingRanges(tiny), 0.75));
        assertThat(undone.graph().nodes()).usingRecursiveFieldByFieldElementComparatorIgnoringFields("extra")
                .containsExactlyElementsOf(tiny.graph().nodes());
        Map<String, TensorProto> weights = undone.graph().initializersByName();
        assertThat(weights.keySet()).containsExactlyElementsOf(tiny.graph().initializersByName().keySet());
        for (TensorProto original : tiny.graph().initializers()) {
            if (original.dataType() == DataType.FLOAT) {
                float[] expected = original.floats();
                float[] actual = weights.get(original.name()).floats();
                for (int i = 0; i < expected.length; i++) {
                    assertThat(actual[i]).as(original.name()).isCloseTo(expected[i],
                            within(1e-6f * Math.max(1, Math.abs(expected[i]))));
                }
            }
        }
        assertThat(ActivationSmoothing.undo(tiny)).isSameAs(tiny);
    }

    @Test
    void aSmoothedInt8ModelDequantizesToTheOriginalWeights() throws IOException {
        // what fine-tuning a shipped model reads: the weights before smoothing, within int8's error
        ModelProto tiny = tiny();
        ModelProto int8 = new DynamicQuantizer(DynamicQuantizer.Options.DEFAULTS)
                .quantize(ActivationSmoothing.smooth(tiny, ALL, countingRanges(tiny), 0.75)).model();
        ModelProto back = Dequantizer.dequantize(int8);
        assertThat(back.graph().nodes()).noneMatch(n -> n.opType().equals("Mul") && n.name().endsWith("_smoothed"));
        float[] expected = tiny.graph().initializersByName().get(INTERMEDIATE).floats();
        float[] actual = back.graph().initializersByName().get(INTERMEDIATE + "_quantized_dequantized").floats();
        double error = 0;
        double norm = 0;
        for (int i = 0; i < expected.length; i++) {
            error += (actual[i] - expected[i]) * (actual[i] - expected[i]);
            norm += expected[i] * expected[i];
        }
        System.out.printf("smoothed int8, dequantized: relative error of %s %.4f%n", INTERMEDIATE,
                Math.sqrt(error / norm));
        assertThat(Math.sqrt(error / norm)).isLessThan(0.03); // per-column int8 alone: ~0.01
    }

    @Test
    void refusesAMissingRangeAndAnAlphaOutOfRange() throws IOException {
        ModelProto tiny = tiny();
        Pattern intermediate = Pattern.compile(".*intermediate.*");
        String x = ActivationSmoothing.activations(tiny, intermediate).get(0);
        assertThatThrownBy(() -> ActivationSmoothing.smooth(tiny, intermediate, Map.of(), 0.5))
                .hasMessageContaining("no channel range of length 32 for '" + x + "' (got none)");
        assertThatThrownBy(() -> ActivationSmoothing.smooth(tiny, intermediate, Map.of(x, new float[3]), 0.5))
                .hasMessageContaining("(got 3 values)");
        assertThatThrownBy(() -> ActivationSmoothing.smooth(tiny, intermediate, Map.of(), 1.5))
                .hasMessageContaining("alpha must be in [0, 1], got 1.5");
    }

    private static ModelProto tiny() throws IOException {
        Path onnx = ModelDir.open(StandIns.tiny()).onnxFile();
        return ModelProto.read(onnx);
    }

    /** Ranges 1, 2, 3, ... for the channels of every smoothable input. */
    private static Map<String, float[]> countingRanges(ModelProto model) {
        Map<String, float[]> ranges = new HashMap<>();
        for (String x : ActivationSmoothing.activations(model, ALL)) {
            float[] r = new float[rowsOf(model, x)];
            for (int j = 0; j < r.length; j++) {
                r[j] = j + 1;
            }
            ranges.put(x, r);
        }
        return ranges;
    }

    /** The rows of the weight a MatMul reading {@code x} multiplies it by: the length of its channel range. */
    private static int rowsOf(ModelProto model, String x) {
        Map<String, TensorProto> weights = model.graph().initializersByName();
        return model.graph().nodes().stream()
                .filter(n -> n.opType().equals("MatMul") && n.inputs().get(0).equals(x))
                .map(n -> (int) weights.get(n.inputs().get(1)).dims()[0]).findFirst().orElseThrow();
    }

    private static NodeProto reader(ModelProto model, String weight) {
        return model.graph().nodes().stream().filter(n -> n.inputs().contains(weight)).findFirst().orElseThrow();
    }

    private static float[][] run(ModelProto model, float[][] x) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(model.toByteArray());
             OnnxTensor input = OnnxTensor.createTensor(env, x);
             OrtSession.Result result = session.run(Map.of("x", input))) {
            return (float[][]) result.get(0).getValue();
        }
    }

    private static double meanAbsDifference(float[][] a, float[][] b) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                sum += Math.abs(a[i][j] - b[i][j]);
                n++;
            }
        }
        return sum / n;
    }
}
