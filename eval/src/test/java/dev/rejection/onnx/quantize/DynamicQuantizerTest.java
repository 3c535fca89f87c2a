package dev.rejection.onnx.quantize;

import dev.rejection.eval.agreement.CalibrationTexts;

import dev.rejection.eval.agreement.Agreement;
import dev.rejection.model.ModelDir;
import dev.rejection.onnx.OnnxModel;
import dev.rejection.onnx.proto.DataType;
import dev.rejection.onnx.proto.ModelProto;
import dev.rejection.onnx.proto.NodeProto;
import dev.rejection.onnx.proto.TensorProto;
import dev.rejection.pipeline.Batcher;
import dev.rejection.pipeline.TextClassificationPipeline;
import dev.rejection.testing.StandIns;
import dev.rejection.tokenizer.Tokenizer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The quantizer on the stand-in models: the rewritten graph loads in ONNX Runtime, runs, is about 4x smaller, and
 * its outputs stay close to the float model's. The stand-ins have random weights, so their logits sit close
 * together (spread across texts ~0.03-0.08): the bounds are on the logits and on how well int8 follows float from
 * text to text (correlation), not only on labels, which random weights make fragile.
 */
class DynamicQuantizerTest {

    private static final DynamicQuantizer QUANTIZER = new DynamicQuantizer(DynamicQuantizer.Options.DEFAULTS);

    @Test
    void rewritesLargeMatMulsAndEmbeddingsAndKeepsTheOutputProjectionFloat() throws IOException {
        ModelProto fp32 = ModelProto.read(ModelDir.open(StandIns.tiny()).onnxFile());
        DynamicQuantizer.Result result = QUANTIZER.quantize(fp32);
        ModelProto int8 = result.model();

        // 2 layers x (q, k, v, attention output, 2 feed-forward) + classifier.dense; out_proj [32, 2] stays float
        assertThat(result.matMuls()).isEqualTo(13);
        assertThat(result.gathers()).isEqualTo(2); // word and position embeddings; token types [1, 32] stay float
        assertThat(result.keptFloat()).isEqualTo(2);
        Map<String, Long> ops = opCounts(int8);
        assertThat(ops).containsEntry("DynamicQuantizeMatMul", 13L).containsEntry("DequantizeLinear", 2L);
        assertThat(ops.get("MatMul")).isEqualTo(opCounts(fp32).get("MatMul") - 13); // attention products and out_proj
        assertThat(ops.get("Add")).isEqualTo(opCounts(fp32).get("Add") - 13);       // every bias folded in
        assertThat(int8.opset(DynamicQuantizer.MS_DOMAIN)).isEqualTo(1);

        Map<String, TensorProto> weights = int8.graph().initializersByName();
        assertThat(weights).doesNotContainKey("roberta.encoder.layer.0.attention.self.query.weight")
                .containsKey("classifier.out_proj.weight");
        TensorProto query = weights.get("roberta.encoder.layer.0.attention.self.query.weight_quantized");
        assertThat(query.dataType()).isEqualTo(DataType.INT8);
        assertThat(weights.get("roberta.encoder.layer.0.attention.self.query.weight_quantized_scale").dims())
                .containsExactly(32); // one scale per output column
        assertThat(fp32.toByteArray().length / (double) int8.toByteArray().length).isGreaterThan(3.8);
    }

    @Test
    void weightsNamedByKeepFloatStayFloat() throws IOException {
        ModelProto fp32 = ModelProto.read(ModelDir.open(StandIns.tiny()).onnxFile());
        // the feed-forward matrices of both layers (intermediate and output dense): 4 of the 13 MatMuls
        DynamicQuantizer ffnFloat = new DynamicQuantizer(new DynamicQuantizer.Options(16, true, true, false,
                java.util.regex.Pattern.compile(".*layer\\.\\d+\\.(intermediate|output)\\.dense\\.weight")));
        DynamicQuantizer.Result result = ffnFloat.quantize(fp32);
        assertThat(result.matMuls()).isEqualTo(9);
        assertThat(result.keptFloat()).isEqualTo(2 + 4);
        Map<String, TensorProto> weights = result.model().graph().initializersByName();
        assertThat(weights.get("roberta.encoder.layer.1.output.dense.weight").dataType()).isEqualTo(DataType.FLOAT);
        assertThat(weights).doesNotContainKey("roberta.encoder.layer.1.output.dense.weight_quantized")
                .containsKey("roberta.encoder.layer.1.attention.output.dense.weight_quantized");
        assertThat(opCounts(result.model())).containsEntry("DynamicQuantizeMatMul", 9L);
    }

    @Test
    void tinyStandInStaysCloseToFloat() throws IOException {
        // measured (seed 42): agreement 194/194, max |Δp| 0.0066, max |Δ logit| 0.042, correlation 0.994
        Agreement a = compare(StandIns.tiny(), CalibrationTexts.builtIn());
        System.out.println("tiny stand-in, int8 vs fp32: " + a);
        assertThat(a.maxLogitDelta()).isLessThan(0.1);
        assertThat(a.maxDelta()).isLessThan(0.025);
        assertThat(a.logitCorrelation()).isGreaterThan(0.97);
        assertThat(a.agreement()).isGreaterThanOrEqualTo(0.97);
    }

    @Test
    void distilrobertaStandInIsFourTimesSmallerAndStaysCloseToFloat() throws IOException {
        ModelDir dir = ModelDir.open(StandIns.distilroberta());
        ModelProto fp32 = ModelProto.read(dir.onnxFile());
        ModelProto int8 = QUANTIZER.quantize(fp32).model();
        assertThat(fp32.toByteArray().length / (double) int8.toByteArray().length).isGreaterThan(3.9); // 3.98

        // 32 texts keep the test short; on all 194: max |Δp| 0.0051, max |Δ logit| 0.015, correlation 0.990
        List<String> texts = CalibrationTexts.builtIn().subList(0, 32);
        Agreement a = compare(dir.root(), texts);
        System.out.println("distilroberta stand-in, int8 vs fp32: " + a);
        assertThat(a.maxLogitDelta()).isLessThan(0.05);
        assertThat(a.maxDelta()).isLessThan(0.025);
        assertThat(a.logitCorrelation()).isGreaterThan(0.95);
    }

    private static Agreement compare(Path modelDir, List<String> texts) throws IOException {
        ModelDir dir = ModelDir.open(modelDir);
        byte[] int8 = QUANTIZER.quantize(ModelProto.read(dir.onnxFile())).model().toByteArray();
        Tokenizer tokenizer = Tokenizer.fromDirectory(modelDir);
        int maxLength = TextClassificationPipeline.defaultMaxLength(dir.config(), dir.modelMaxLength());
        try (TextClassificationPipeline reference = new TextClassificationPipeline(tokenizer,
                OnnxModel.load(dir.onnxFile(), 1), dir.config(), maxLength, new Batcher(1, 1));
             TextClassificationPipeline quantized = new TextClassificationPipeline(tokenizer,
                     OnnxModel.load(int8, "int8 " + modelDir, 1), dir.config(), maxLength, new Batcher(1, 1))) {
            assertThat(quantized.model().dynamicallyQuantized()).isTrue();
            return Agreement.measure(reference, quantized, texts);
        }
    }

    private static Map<String, Long> opCounts(ModelProto model) {
        return model.graph().nodes().stream().collect(Collectors.groupingBy(NodeProto::opType, Collectors.counting()));
    }
}
