package dev.rejection.pipeline;

import dev.rejection.model.ModelDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A dynamically quantized graph (the MiniLM-q from the langchain4j jar) is run one text per call by default. */
class QuantizedDefaultsTest {

    @Test
    void quantizedModelsDefaultToOneTextPerCallOnParallelThreads(@TempDir Path dir) throws IOException {
        copyResource("all-minilm-l6-v2-q.onnx", dir.resolve("model.onnx"));
        copyResource("all-minilm-l6-v2-q-tokenizer.json", dir.resolve("tokenizer.json"));
        Files.writeString(dir.resolve("config.json"), """
                {"model_type": "bert", "max_position_embeddings": 512, "pad_token_id": 0,
                 "id2label": {"0": "NORMAL", "1": "REJECTION"}}""");
        try (TextClassificationPipeline quantized = TextClassificationPipeline.load(ModelDir.open(dir), 0, 0, 1)) {
            assertThat(quantized.model().dynamicallyQuantized()).isTrue();
            assertThat(quantized.batcher().batchSize()).isEqualTo(1);
            assertThat(quantized.batcher().parallelism()).isEqualTo(Runtime.getRuntime().availableProcessors());
            assertThat(quantized.maxLength()).isEqualTo(512);
        }
        try (TextClassificationPipeline configured = TextClassificationPipeline.load(ModelDir.open(dir), 128, 4, 1)) {
            assertThat(configured.batcher().batchSize()).isEqualTo(4);
            assertThat(configured.maxLength()).isEqualTo(128);
        }
        try (TextClassificationPipeline one = TextClassificationPipeline.load(ModelDir.open(dir), 0, 0, 1, 1)) {
            assertThat(one.batcher().parallelism()).isEqualTo(1);
        }
        // the default fills the cores: two threads per call on two cores leave room for one call at a time
        int cores = Runtime.getRuntime().availableProcessors();
        try (TextClassificationPipeline wide = TextClassificationPipeline.load(ModelDir.open(dir), 0, 0, cores)) {
            assertThat(wide.batcher().parallelism()).isEqualTo(1);
        }
    }

    private static void copyResource(String name, Path target) throws IOException {
        try (InputStream in = QuantizedDefaultsTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name + " on the test classpath (langchain4j all-minilm-l6-v2-q)").isNotNull();
            Files.copy(in, target);
        }
    }
}
