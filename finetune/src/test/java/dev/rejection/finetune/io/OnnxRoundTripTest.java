package dev.rejection.finetune.io;

import dev.rejection.finetune.Batch;
import dev.rejection.finetune.Ort;
import dev.rejection.finetune.Param;
import dev.rejection.finetune.SequenceClassifier;
import dev.rejection.onnx.proto.GraphProto;
import dev.rejection.onnx.proto.ModelProto;
import dev.rejection.onnx.proto.NodeProto;
import dev.rejection.onnx.proto.TensorProto;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The exported ONNX graph computes the engine's logits, and its weights read back by structure alone. */
class OnnxRoundTripTest {

    @ParameterizedTest
    @ValueSource(strings = {"roberta", "bert"})
    void onnxRuntimeGivesTheEnginesLogits(String type, @TempDir Path dir) throws Exception {
        SequenceClassifier model = SafetensorsTest.tiny(type, 8);
        Path onnx = dir.resolve("model.onnx");
        ModelWriter.onnx(model).write(onnx);
        Batch batch = SafetensorsTest.batch(model.architecture().encoder().padTokenId(), type.equals("bert") ? 2 : 0);
        float[] engine = model.logits(batch);
        float[] ort = Ort.run(onnx, batch);
        assertThat(ort).hasSize(engine.length);
        for (int i = 0; i < engine.length; i++) {
            assertThat(ort[i]).as("logit %d", i).isCloseTo(engine[i], within(1e-4f));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"roberta", "bert"})
    void weightsReadBackFromAGraphWithAnonymousInitializerNames(String type, @TempDir Path dir) throws Exception {
        SequenceClassifier model = SafetensorsTest.tiny(type, 9);
        GraphProto graph = anonymous(ModelWriter.onnx(model).graph());
        // in a folder of its own: the reader also looks for config.json in the folder above the graph's
        Path onnx = java.nio.file.Files.createDirectories(dir.resolve("graph")).resolve("anon.onnx");
        ModelProto.of(graph, 8, 17, "test").write(onnx);

        Checkpoints.Loaded loaded = Checkpoints.load(onnx, 2, 1);
        assertThat(loaded.initialized()).isEmpty();
        // everything but initializer_range, which a graph does not record
        assertThat(loaded.model().architecture().encoder()).usingRecursiveComparison()
                .ignoringFields("initializerRange").isEqualTo(model.architecture().encoder());
        for (Param p : model.params()) {
            assertThat(loaded.model().param(p.name()).values()).as(p.name()).containsExactly(p.values());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"beside", "above"})
    void aGraphWithoutConfigFindsItsTokenizerBesideItOrInTheFolderAbove(String where, @TempDir Path dir)
            throws Exception {
        Path onnx = java.nio.file.Files.createDirectories(dir.resolve("onnx")).resolve("model.onnx");
        ModelWriter.onnx(SafetensorsTest.tiny("bert", 3)).write(onnx);
        Path tokenizerFolder = where.equals("beside") ? onnx.getParent() : dir;
        java.nio.file.Files.writeString(tokenizerFolder.resolve("tokenizer.json"), "{}");

        assertThat(Checkpoints.load(onnx, 2, 1).directory()).isEqualTo(tokenizerFolder.toAbsolutePath());
    }

    /** Renames every initializer to {@code onnx::Op_n}, as torch.onnx does for transposed weights. */
    private static GraphProto anonymous(GraphProto g) {
        Map<String, String> rename = new HashMap<>();
        List<TensorProto> inits = new ArrayList<>();
        for (TensorProto t : g.initializers()) {
            String n = "onnx::W_" + rename.size();
            rename.put(t.name(), n);
            inits.add(t.withName(n));
        }
        List<NodeProto> nodes = new ArrayList<>();
        for (NodeProto n : g.nodes()) {
            List<String> in = n.inputs().stream().map(i -> rename.getOrDefault(i, i)).toList();
            nodes.add(new NodeProto(n.name(), n.opType(), n.domain(), in, n.outputs(), n.attributes(), n.extra()));
        }
        return g.withNodes(nodes).withInitializers(inits);
    }
}
