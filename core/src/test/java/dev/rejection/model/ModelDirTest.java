package dev.rejection.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelDirTest {
    static final String CONFIG = """
            {"model_type": "roberta", "max_position_embeddings": 514, "pad_token_id": 1,
             "problem_type": "single_label_classification",
             "id2label": {"0": "NORMAL", "1": "REJECTION"}, "label2id": {"NORMAL": 0, "REJECTION": 1}}
            """;

    @TempDir
    Path dir;

    private void write(String name, String content) throws IOException {
        Files.createDirectories(dir.resolve(name).getParent());
        Files.writeString(dir.resolve(name), content);
    }

    private void complete() throws IOException {
        write("config.json", CONFIG);
        write("tokenizer.json", "{}");
        write("model.onnx", "graph bytes");
    }

    @Test
    void readsConfigTokenizerConfigAndFindsTheOnnxFile() throws IOException {
        complete();
        write("tokenizer_config.json", "{\"model_max_length\": 512}");
        ModelDir model = ModelDir.open(dir);
        assertThat(model.onnxFile()).isEqualTo(dir.resolve("model.onnx"));
        assertThat(model.modelMaxLength()).hasValue(512);
        ModelConfig config = model.config();
        assertThat(config.labels()).containsExactly("NORMAL", "REJECTION");
        assertThat(config.label2id()).containsEntry("REJECTION", 1);
        assertThat(config.modelType()).hasValue("roberta");
        assertThat(config.problemType()).hasValue("single_label_classification");
        assertThat(config.maxPositionEmbeddings()).hasValue(514);
        assertThat(config.padTokenId()).hasValue(1);
        assertThat(config.numLabels()).isEqualTo(2);
    }

    @Test
    void hugeModelMaxLengthSentinelMeansUnset() throws IOException {
        complete();
        write("tokenizer_config.json", "{\"model_max_length\": 1000000000000000019884624838656}");
        assertThat(ModelDir.open(dir).modelMaxLength()).isEmpty();
    }

    @Test
    void aModelMaxLengthPastADoublesRangeIsUnsetWhenPositiveAndNamedWhenNot() throws IOException {
        complete();
        write("tokenizer_config.json", "{\"model_max_length\": 1e400}");
        assertThat(ModelDir.open(dir).modelMaxLength()).isEmpty();
        write("tokenizer_config.json", "{\"model_max_length\": -1e400}");
        assertThatThrownBy(() -> ModelDir.open(dir).modelMaxLength()).isInstanceOf(ModelException.class)
                .hasMessageContaining(dir.resolve("tokenizer_config.json").toString())
                .hasMessageContaining("model_max_length must be positive");
    }

    @Test
    void findsOnnxSubfolderAndNamedFiles() throws IOException {
        write("config.json", CONFIG);
        write("vocab.json", "{}");
        write("merges.txt", "");
        write("onnx/model.onnx", "graph");
        write("onnx/model_quantized.onnx", "graph");
        assertThat(ModelDir.open(dir).onnxFile()).isEqualTo(dir.resolve("onnx/model.onnx"));
        assertThat(ModelDir.open(dir, "onnx/model_quantized.onnx").onnxFile())
                .isEqualTo(dir.resolve("onnx/model_quantized.onnx"));
    }

    @Test
    void aNamedOnnxFileMustLieInsideTheDirectory() throws IOException {
        complete();
        Path outside = Files.writeString(dir.resolveSibling(dir.getFileName() + "-outside.onnx"), "graph");
        for (String named : new String[] {"../" + outside.getFileName(), outside.toString(), "onnx/../../x.onnx"}) {
            assertThatThrownBy(() -> ModelDir.open(dir, named)).as(named).isInstanceOf(ModelException.class)
                    .hasMessageContaining("ONNX file '" + named + "' must be a path inside the model directory");
        }
        Files.delete(outside);
    }

    @Test
    void missingConfigNamesTheFile() throws IOException {
        write("tokenizer.json", "{}");
        write("model.onnx", "graph");
        assertThatThrownBy(() -> ModelDir.open(dir))
                .isInstanceOf(ModelException.class).hasMessageContaining(dir.resolve("config.json").toString());
    }

    @Test
    void configWithoutId2labelNamesTheFile() throws IOException {
        complete();
        write("config.json", "{\"model_type\": \"roberta\"}");
        assertThatThrownBy(() -> ModelDir.open(dir))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining(dir.resolve("config.json").toString()).hasMessageContaining("id2label");
    }

    @Test
    void malformedConfigNamesFileAndLine() throws IOException {
        complete();
        write("config.json", "{\n\"id2label\": {\"0\": \"A\",}\n}");
        assertThatThrownBy(() -> ModelDir.open(dir))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining(dir.resolve("config.json").toString()).hasMessageContaining("line 2");
    }

    @Test
    void badId2labelIdsAreNamed() throws IOException {
        complete();
        write("config.json", "{\"id2label\": {\"0\": \"A\", \"2\": \"B\"}}");
        assertThatThrownBy(() -> ModelDir.open(dir))
                .isInstanceOf(ModelException.class).hasMessageContaining("id2label").hasMessageContaining("2");
    }

    @Test
    void aLengthThatIsNotPositiveIsNamed() throws IOException {
        complete();
        write("config.json", "{\"id2label\": {\"0\": \"A\"}, \"max_position_embeddings\": -5}");
        // it surfaced as "max length 0 exceeds what config.json allows: -7 tokens", a length the user never gave
        assertThatThrownBy(() -> ModelDir.open(dir))
                .isInstanceOf(ModelException.class)
                .hasMessage(dir.resolve("config.json") + ": max_position_embeddings must be positive, found -5");
    }

    @Test
    void aLabelNamedTwiceIsRefused() throws IOException {
        complete();
        write("config.json", "{\"id2label\": {\"0\": \"REJECTION\", \"1\": \"REJECTION\"}}");
        // scores are kept by name: one class would vanish, and the label shown would contradict the verdict
        assertThatThrownBy(() -> ModelDir.open(dir))
                .isInstanceOf(ModelException.class)
                .hasMessage(dir.resolve("config.json") + ": id2label names \"REJECTION\" twice (ids 0 and 1); each "
                        + "label needs a name of its own");
    }

    @Test
    void missingOnnxNamesTheExpectedFiles() throws IOException {
        write("config.json", CONFIG);
        write("tokenizer.json", "{}");
        assertThatThrownBy(() -> ModelDir.open(dir))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining(dir.resolve("model.onnx").toString())
                .hasMessageContaining(dir.resolve("onnx/model.onnx").toString());
        assertThatThrownBy(() -> ModelDir.open(dir, "onnx/model_quantized.onnx"))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining(dir.resolve("onnx/model_quantized.onnx").toString());
    }

    @Test
    void missingTokenizerNamesTheDirectory() throws IOException {
        write("config.json", CONFIG);
        write("model.onnx", "graph");
        assertThatThrownBy(() -> ModelDir.open(dir))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining(dir.toString()).hasMessageContaining("tokenizer.json");
    }

    @Test
    void missingDirectoryIsNamed() {
        Path nowhere = dir.resolve("nowhere");
        assertThatThrownBy(() -> ModelDir.open(nowhere))
                .isInstanceOf(ModelException.class).hasMessageContaining(nowhere.toString());
    }
}
