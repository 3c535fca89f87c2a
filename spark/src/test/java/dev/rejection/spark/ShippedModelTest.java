package dev.rejection.spark;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShippedModelTest {
    @Test
    void packsEveryFileUnderItsPathInsideTheDirectory(@TempDir Path dir) throws IOException {
        Path model = Files.createDirectories(dir.resolve("my-model/onnx")).getParent();
        Files.writeString(model.resolve("config.json"), "{\"id2label\": {}}", StandardCharsets.UTF_8);
        byte[] weights = new byte[70_000]; // more than one copy buffer
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (byte) (i * 31);
        }
        Files.write(model.resolve("onnx/model.onnx"), weights);
        Path zip = dir.resolve("out.zip");

        ShippedModel.zip(model, zip);

        // read back with the JDK's own reader, which checks each stored entry's size and CRC as it reads
        try (ZipFile file = new ZipFile(zip.toFile())) {
            List<? extends ZipEntry> entries = Collections.list(file.entries());
            assertThat(entries).extracting(ZipEntry::getName).containsExactly("config.json", "onnx/model.onnx");
            assertThat(entries).extracting(ZipEntry::getMethod).containsOnly(ZipEntry.STORED);
            assertThat(new String(file.getInputStream(file.getEntry("config.json")).readAllBytes(),
                    StandardCharsets.UTF_8)).isEqualTo("{\"id2label\": {}}");
            assertThat(file.getInputStream(file.getEntry("onnx/model.onnx")).readAllBytes()).isEqualTo(weights);
        }
    }

    @Test
    void namesTheModelAndTheArchiveAfterTheDirectory(@TempDir Path dir) throws IOException {
        Path model = Files.createDirectories(dir.resolve("rejection-v1"));
        Files.writeString(model.resolve("config.json"), "{}", StandardCharsets.UTF_8);

        ShippedModel shipped = ShippedModel.pack(model);

        assertThat(shipped.model()).isEqualTo("sparkfiles:rejection-v1");
        assertThat(shipped.archive()).startsWith("file:/").endsWith("/rejection-v1.zip#rejection-v1");
        assertThat(shipped.conf(null)).isEqualTo(shipped.archive());
        assertThat(shipped.conf("hdfs:///libs/a.zip#a")).isEqualTo("hdfs:///libs/a.zip#a," + shipped.archive());
    }

    @Test
    void refusesWhatIsNotADirectory(@TempDir Path dir) {
        assertThatThrownBy(() -> ShippedModel.pack(dir.resolve("absent")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the model to ship must be a local directory; " + dir.resolve("absent") + " is not one");
    }
}
