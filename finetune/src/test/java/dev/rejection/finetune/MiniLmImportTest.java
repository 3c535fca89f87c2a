package dev.rejection.finetune;

import dev.rejection.finetune.io.Checkpoints;
import dev.rejection.onnx.graph.EncoderConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real pretrained encoder: the fp32 all-MiniLM-L6-v2 export (anonymous {@code onnx::MatMul_*} weights, LayerNorm
 * decomposed into ReduceMean/Sub/Pow/Sqrt/Div/Mul/Add) read by graph structure; the engine's last hidden state
 * equals ONNX Runtime's {@code last_hidden_state} on the real tokens of a padded batch.
 */
class MiniLmImportTest {

    @Test
    void theEngineComputesMiniLmsHiddenStatesFromItsOnnxWeights(@TempDir Path dir) throws Exception {
        // in a folder of its own: the reader also looks for config.json in the folder above the graph's
        Path onnx = Files.createDirectories(dir.resolve("graph")).resolve("all-minilm-l6-v2.onnx");
        try (InputStream in = MiniLmImportTest.class.getResourceAsStream("/all-minilm-l6-v2.onnx")) {
            assertThat(in).as("all-minilm-l6-v2.onnx on the test classpath (langchain4j jar)").isNotNull();
            Files.copy(in, onnx);
        }
        Checkpoints.Loaded loaded = Checkpoints.load(onnx, 2, 1);
        EncoderConfig c = loaded.model().architecture().encoder();
        assertThat(c.modelType()).isEqualTo("bert");
        assertThat(List.of(c.vocabSize(), c.hiddenSize(), c.numHiddenLayers(), c.numAttentionHeads(),
                c.intermediateSize(), c.maxPositionEmbeddings(), c.typeVocabSize()))
                .containsExactly(30522, 384, 6, 12, 1536, 512, 2);
        assertThat(c.layerNormEps()).isEqualTo(1e-12);
        assertThat(loaded.initialized()).containsExactlyInAnyOrder("bert.pooler.dense.weight",
                "bert.pooler.dense.bias", "classifier.weight", "classifier.bias");

        // "[CLS] hello world, this is a test [SEP]" and a shorter, padded one
        Batch batch = Batch.of(List.of(
                Example.of(new int[] {101, 7592, 2088, 1010, 2023, 2003, 1037, 3231, 102}, 0),
                Example.of(new int[] {101, 2053, 1010, 1045, 2064, 1005, 1056, 102}, 1)), 0);
        SequenceClassifier.Trace trace = loaded.model().forward(batch, Pass.evaluation());
        float[] engine = trace.layers().get(c.numHiddenLayers() - 1).y();
        float[] ort = Ort.run(onnx, batch);
        assertThat(ort).hasSize(engine.length);
        double worst = 0;
        for (int t = 0; t < batch.size() * batch.length(); t++) {
            if (batch.mask()[t] == 0) {
                continue; // padded positions are not defined to agree
            }
            for (int j = 0; j < c.hiddenSize(); j++) {
                worst = Math.max(worst, Math.abs(engine[t * 384 + j] - ort[t * 384 + j]));
            }
        }
        assertThat(worst).as("largest difference of a hidden value").isLessThan(1e-4);
    }
}
