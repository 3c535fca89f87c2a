package dev.rejection.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClasspathModelTest {
    @TempDir
    Path root;

    private void write(String name, String content) throws IOException {
        Path file = root.resolve("models/m").resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private ClasspathModel read(String onnxFile) throws IOException {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {root.toUri().toURL()}, null)) {
            return ClasspathModel.read("/models/m/", onnxFile, loader);
        }
    }

    @Test
    void readsTheFilesIntoMemoryNamingThemAsClasspathResources() throws IOException {
        write("config.json", ModelDirTest.CONFIG);
        write("tokenizer.json", "{\"model\":{}}");
        write("tokenizer_config.json", "{\"model_max_length\": 128}");
        write("onnx/model.onnx", "graph bytes");

        ClasspathModel model = read(null);

        assertThat(model.root()).isEqualTo("classpath:models/m");
        assertThat(model.config().labels()).containsExactly("NORMAL", "REJECTION");
        assertThat(model.config().source()).isEqualTo("classpath:models/m/config.json");
        assertThat(model.tokenizerJson()).isEqualTo("{\"model\":{}}");
        assertThat(model.modelMaxLength()).hasValue(128);
        java.nio.ByteBuffer onnx = model.onnx();
        byte[] graph = new byte[onnx.remaining()];
        onnx.get(graph);
        assertThat(onnx.isDirect()).isTrue();
        assertThat(new String(graph, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("graph bytes");
        assertThat(model.onnxSource()).isEqualTo("classpath:models/m/onnx/model.onnx");
    }

    @Test
    void whatIsMissingOrOutsideIsNamed() throws IOException {
        assertThatThrownBy(() -> read(null)).isInstanceOf(ModelException.class)
                .hasMessageContaining("no model on the classpath at models/m/");
        write("config.json", ModelDirTest.CONFIG);
        assertThatThrownBy(() -> read(null)).hasMessageContaining("no tokenizer.json in classpath:models/m/");
        write("tokenizer.json", "{}");
        assertThatThrownBy(() -> read(null)).hasMessageContaining("ONNX model file not found on the classpath: "
                + "classpath:models/m/model.onnx nor classpath:models/m/onnx/model.onnx");
        assertThatThrownBy(() -> read("../other/model.onnx"))
                .hasMessageContaining("ONNX file '../other/model.onnx' must be a path inside classpath:models/m/");
        write("config.json", "{\"id2label\": {\"0\": \"A\"}, \"num_labels\": 2}");
        assertThatThrownBy(() -> read(null)).hasMessageContaining("classpath:models/m/config.json")
                .hasMessageContaining("num_labels");
    }
}
