package dev.rejection.onnx.quantize;

import dev.rejection.eval.agreement.CalibrationTexts;

import dev.rejection.model.ModelDir;
import dev.rejection.onnx.OnnxModel;
import dev.rejection.onnx.TokenBatch;
import dev.rejection.onnx.proto.ModelProto;
import dev.rejection.onnx.proto.NodeProto;
import dev.rejection.testing.StandIns;
import dev.rejection.tokenizer.Encoding;
import dev.rejection.tokenizer.Tokenizer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The first-token rewrite of the last layer changes no logit by more than 1e-5, padded batches included. */
class FirstTokenLastLayerTest {

    @Test
    void tinyStandInGivesTheSameLogits() throws IOException {
        assertSameLogits(StandIns.tiny(), CalibrationTexts.builtIn().subList(0, 64));
    }

    @Test
    void distilrobertaStandInGivesTheSameLogits() throws IOException {
        assertSameLogits(StandIns.distilroberta(), CalibrationTexts.builtIn().subList(0, 12));
    }

    @Test
    void slicesTheLastLayersQueryAndResidualOnly() throws IOException {
        ModelProto original = ModelProto.read(ModelDir.open(StandIns.tiny()).onnxFile());
        ModelProto rewritten = FirstTokenLastLayer.rewrite(original);
        List<NodeProto> slices = rewritten.graph().nodes().stream()
                .filter(n -> n.name().endsWith("/first_token")).toList();
        assertThat(slices).singleElement().extracting(NodeProto::opType).isEqualTo("Slice");
        String firstToken = slices.get(0).outputs().get(0);
        List<NodeProto> readers = rewritten.graph().nodes().stream()
                .filter(n -> n.inputs().contains(firstToken)).toList();
        assertThat(readers).extracting(NodeProto::opType).containsExactlyInAnyOrder("MatMul", "Add");
        assertThat(readers.stream().filter(n -> n.opType().equals("MatMul")).findFirst().orElseThrow().inputs())
                .contains("roberta.encoder.layer.1.attention.self.query.weight");

        // after quantization the pattern is still found (DynamicQuantizeMatMul projections)
        ModelProto int8 = new DynamicQuantizer(DynamicQuantizer.Options.DEFAULTS).quantize(original).model();
        assertThat(FirstTokenLastLayer.rewrite(int8).graph().nodes()).anyMatch(n -> n.name().endsWith("/first_token"));
    }

    @Test
    void refusesAGraphNarrowedAlready() throws IOException {
        ModelProto original = ModelProto.read(ModelDir.open(StandIns.tiny()).onnxFile());
        ModelProto once = FirstTokenLastLayer.rewrite(original);
        // narrowing again would narrow the layer before, whose keys and values the last layer needs for every token
        assertThatThrownBy(() -> FirstTokenLastLayer.rewrite(once))
                .hasMessageContaining("computed for the first token already");
        ModelProto int8 = new DynamicQuantizer(DynamicQuantizer.Options.DEFAULTS).quantize(once).model();
        assertThatThrownBy(() -> FirstTokenLastLayer.rewrite(int8))
                .hasMessageContaining("computed for the first token already");
    }

    @Test
    void refusesAGraphWithoutAFirstTokenClassifier() throws IOException {
        ModelProto original = ModelProto.read(ModelDir.open(StandIns.tiny()).onnxFile());
        List<NodeProto> noPick = original.graph().nodes().stream()
                .filter(n -> !n.opType().equals("Gather") || !n.name().startsWith("classifier")).toList();
        assertThatThrownBy(() -> FirstTokenLastLayer.rewrite(original.withGraph(original.graph().withNodes(noPick))))
                .hasMessageContaining("no Gather(hidden, 0, axis=1)");
    }

    private static void assertSameLogits(Path modelDir, List<String> texts) throws IOException {
        ModelDir dir = ModelDir.open(modelDir);
        ModelProto original = ModelProto.read(dir.onnxFile());
        byte[] rewritten = FirstTokenLastLayer.rewrite(original).toByteArray();
        Tokenizer tokenizer = Tokenizer.fromDirectory(modelDir);
        List<Encoding> encodings = texts.stream().map(tokenizer::encode).toList();
        TokenBatch batch = TokenBatch.pad(encodings, tokenizer.padId().orElseThrow());
        try (OnnxModel a = OnnxModel.load(dir.onnxFile(), 1);
             OnnxModel b = OnnxModel.load(rewritten, "first-token " + modelDir, 1)) {
            float[][] expected = a.logits(batch);
            float[][] actual = b.logits(batch);
            double maxDiff = 0;
            for (int i = 0; i < expected.length; i++) {
                for (int l = 0; l < expected[i].length; l++) {
                    maxDiff = Math.max(maxDiff, Math.abs(expected[i][l] - actual[i][l]));
                }
            }
            System.out.printf("first-token last layer, %s: max |Δ logit| %.2e over %d texts (padded to %d)%n",
                    modelDir.getFileName(), maxDiff, texts.size(), batch.length());
            assertThat(maxDiff).isLessThanOrEqualTo(1e-5);
        }
    }
}
