package dev.rejection.spark;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.zip.CRC32;
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
    void namesTheModelAndTheArchiveAfterTheDirectoryAndItsContent(@TempDir Path dir) throws IOException {
        Path model = Files.createDirectories(dir.resolve("rejection-v1"));
        Files.writeString(model.resolve("config.json"), "{}", StandardCharsets.UTF_8);
        // the checksum of each file's name, size and CRC, as written out here
        CRC32 file = new CRC32();
        file.update("{}".getBytes(StandardCharsets.UTF_8));
        CRC32 content = new CRC32();
        content.update(("config.json\0" + 2 + "\0" + file.getValue() + "\0").getBytes(StandardCharsets.UTF_8));
        String name = String.format("rejection-v1-%08x", content.getValue());

        ShippedModel shipped = ShippedModel.pack(model);

        assertThat(shipped.model()).isEqualTo("sparkfiles:" + name);
        assertThat(shipped.archive()).startsWith("file:/").endsWith("/" + name + ".zip#" + name);
        assertThat(shipped.conf(null)).isEqualTo(shipped.archive());
        assertThat(shipped.conf("hdfs:///libs/a.zip#a")).isEqualTo("hdfs:///libs/a.zip#a," + shipped.archive());
    }

    @Test
    void anotherModelInAFolderOfTheSameNameShipsUnderAnotherName(@TempDir Path dir) throws IOException {
        // a notebook's JVM keeps a detector per name across Spark sessions: /runs/b/model must not be /runs/a/model
        Path a = Files.createDirectories(dir.resolve("runs/a/model"));
        Path b = Files.createDirectories(dir.resolve("runs/b/model"));
        Files.writeString(a.resolve("config.json"), "{\"v\": 1}", StandardCharsets.UTF_8);
        Files.writeString(b.resolve("config.json"), "{\"v\": 2}", StandardCharsets.UTF_8);

        assertThat(ShippedModel.pack(a).model()).isNotEqualTo(ShippedModel.pack(b).model())
                .startsWith("sparkfiles:model-");
        assertThat(ShippedModel.pack(a).model()).isEqualTo(ShippedModel.pack(a).model());
    }

    @Test
    void aFolderNameThatSparkArchivesCannotCarryIsMadeSafe(@TempDir Path dir) {
        // spark.archives is a comma-separated list of URIs, with the name after '#'
        assertThat(ShippedModel.name(dir.resolve("rejection,v2 #1"), 0xabcL)).isEqualTo("rejection_v2__1-00000abc");
        assertThat(ShippedModel.name(Path.of("/"), 1L)).isEqualTo("model-00000001");
        assertThat(ShippedModel.name(dir.resolve(".hidden"), 1L)).isEqualTo("model.hidden-00000001");
    }

    @Test
    void refusesWhatIsNotADirectory(@TempDir Path dir) {
        assertThatThrownBy(() -> ShippedModel.pack(dir.resolve("absent")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the model to ship must be a local directory; " + dir.resolve("absent") + " is not one");
    }
}
