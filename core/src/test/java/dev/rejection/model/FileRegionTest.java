package dev.rejection.model;

import dev.rejection.detect.RejectionDetector;
import dev.rejection.onnx.OnnxModel;
import dev.rejection.onnx.TokenBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Regions of files that hold a resource as it is: whole files, and entries stored uncompressed in jars. */
class FileRegionTest {

    @Test
    void aStoredJarEntryIsFoundWhereItsBytesLieAndADeflatedOneIsNot(@TempDir Path dir) throws IOException {
        byte[] payload = new byte[10_000];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 31 + 7);
        }
        Path jar = dir.resolve("app with space.jar");
        try (OutputStream file = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(file)) {
            zip.putNextEntry(new ZipEntry("first/deflated.bin"));
            zip.write(payload);
            ZipEntry stored = new ZipEntry("models/m/onnx/model.onnx");
            stored.setMethod(ZipEntry.STORED);
            stored.setSize(payload.length);
            CRC32 crc = new CRC32();
            crc.update(payload);
            stored.setCrc(crc.getValue());
            stored.setExtra(new byte[] {(byte) 0xCA, (byte) 0xFE, 2, 0, 1, 2}); // a local extra field moves the data
            zip.putNextEntry(stored);
            zip.write(payload);
            zip.setComment("a comment after the central directory");
        }
        String base = "jar:" + jar.toUri() + "!/";

        FileRegion region = FileRegion.of(new URL(base + "models/m/onnx/model.onnx")).orElseThrow();
        assertThat(region.file()).isEqualTo(jar);
        assertThat(region.length()).isEqualTo(payload.length);
        byte[] atOffset = Arrays.copyOfRange(Files.readAllBytes(jar), (int) region.offset(),
                (int) region.offset() + payload.length);
        assertThat(atOffset).isEqualTo(payload);
        ByteBuffer mapped = region.map();
        assertThat(mapped.remaining()).isEqualTo(payload.length);
        assertThat(mapped.get(1234)).isEqualTo(payload[1234]);

        assertThat(FileRegion.of(new URL(base + "first/deflated.bin"))).as("deflated").isEmpty();
        assertThat(FileRegion.of(new URL(base + "models/m/onnx/missing.onnx"))).as("missing").isEmpty();
        Path plain = Files.write(dir.resolve("plain.bin"), payload);
        assertThat(FileRegion.of(plain.toUri().toURL())).contains(new FileRegion(plain, 0, payload.length));
        Path notAZip = Files.write(dir.resolve("not-a.jar"), payload);
        assertThat(FileRegion.of(new URL("jar:" + notAZip.toUri() + "!/x"))).isEmpty();
    }

    /** The embedded default's graph is on disk as it is (stored in its jar, or a file in the build's folders). */
    @Test
    void theEmbeddedDefaultIsReadInPlaceWithTheLogitsOfItsBytes() {
        ClasspathModel model = ClasspathModel.read(RejectionDetector.DEFAULT_MODEL, null,
                FileRegionTest.class.getClassLoader());
        Optional<FileRegion> region = model.onnxRegion();
        assertThat(region).as("the default's graph lies in a file as it is").isPresent();
        long[] ids = {101, 7592, 2088, 102};
        TokenBatch batch = new TokenBatch(ids, new long[] {1, 1, 1, 1}, new long[4], 1, ids.length);
        try (OnnxModel inPlace = OnnxModel.loadClassifier(region.get(), model.onnxSource(), 1);
             OnnxModel fromBytes = OnnxModel.load(model.onnx(), model.onnxSource(), 1)) {
            assertThat(inPlace.weightsInPlace()).isTrue();
            assertThat(inPlace.logits(batch)).isDeepEqualTo(fromBytes.logits(batch));
        }
    }
}
