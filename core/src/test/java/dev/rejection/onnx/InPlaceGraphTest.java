package dev.rejection.onnx;

import dev.rejection.onnx.proto.ModelProto;
import dev.rejection.onnx.quantize.DynamicQuantizer;
import dev.rejection.onnx.quantize.FirstTokenLastLayer;
import dev.rejection.testing.StandIns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.assertj.core.api.Assertions.assertThat;

/** Sessions on a file's weights in place, checked against ONNX Runtime reading the whole file itself. */
class InPlaceGraphTest {
    // roberta-base ids: <s> Hello world </s>, and <s> Sorry, I can't </s>
    static final long[] SHORT = {0, 31414, 232, 2};
    static final long[] LONGER = {0, 26636, 6, 38, 64, 75, 2};

    static Path tinyModel() {
        return StandIns.tiny().resolve("onnx/model.onnx");
    }

    @Test
    void theWeightsStayInTheFileAndOnlyTheStructureIsHandedOver() throws IOException {
        Path file = tinyModel().toRealPath();
        InPlaceGraph graph = InPlaceGraph.of(file, map(file), 0, false).orElseThrow();
        // the tiny stand-in's weights are megabytes (a 50k x 32 embedding); its structure is a few kilobytes
        assertThat((long) graph.graph().length).isLessThan(Files.size(file) / 20);
        assertThat(graph.folder()).isEqualTo(file.getParent());
        assertThat(graph.firstTokenOnly()).isFalse();
        try (OnnxModel inPlace = OnnxModel.load(file, 1);
             OnnxModel whole = OnnxModel.load(Files.readAllBytes(file), "whole file", 1)) {
            assertThat(inPlace.weightsInPlace()).isTrue();
            assertThat(inPlace.weightsInPlace()).isTrue();
            assertThat(inPlace.lastLayerFirstTokenOnly()).isFalse();
            assertThat(whole.weightsInPlace()).isFalse();
            assertThat(inPlace.logits(OnnxModelTest.batch(SHORT, LONGER)))
                    .isDeepEqualTo(whole.logits(OnnxModelTest.batch(SHORT, LONGER)));
        }
    }

    @Test
    void aClassifiersLastLayerIsNarrowedOnceWithTheSameLogits(@TempDir Path dir) throws IOException {
        Path file = tinyModel().toRealPath();
        assertThat(InPlaceGraph.of(file, map(file), 0, true).orElseThrow().firstTokenOnly()).isTrue();
        assertClassifierGivesTheLogitsOf(file, file, true);

        // a graph narrowed already (what `rejection quantize` writes) is given as it is, and still gives them
        Path once = dir.resolve("model.onnx");
        FirstTokenLastLayer.rewrite(ModelProto.read(file)).write(once);
        assertThat(InPlaceGraph.of(once.toRealPath(), map(once), 0, true).orElseThrow().firstTokenOnly()).isFalse();
        assertClassifierGivesTheLogitsOf(once, file, false);
    }

    /** {@code loaded} as a classifier, in place, against ONNX Runtime's own reading of the whole {@code reference}. */
    private static void assertClassifierGivesTheLogitsOf(Path loaded, Path reference, boolean narrowed)
            throws IOException {
        try (OnnxModel classifier = OnnxModel.loadClassifier(loaded, 1);
             OnnxModel whole = OnnxModel.load(Files.readAllBytes(reference), "whole file", 1)) {
            assertThat(classifier.weightsInPlace()).isTrue();
            assertThat(classifier.lastLayerFirstTokenOnly()).isEqualTo(narrowed);
            assertClose(classifier.logits(OnnxModelTest.batch(SHORT, LONGER)),
                    whole.logits(OnnxModelTest.batch(SHORT, LONGER)));
        }
    }

    /** Narrowing after dynamic quantization would change the query's activation scale, so it is left alone. */
    @Test
    void aDynamicallyQuantizedGraphIsNotNarrowedAtLoad(@TempDir Path dir) throws IOException {
        Path int8 = dir.resolve("model_quantized.onnx");
        new DynamicQuantizer(DynamicQuantizer.Options.DEFAULTS).quantize(ModelProto.read(tinyModel())).model()
                .write(int8);
        try (OnnxModel inPlace = OnnxModel.loadClassifier(int8, 1);
             OnnxModel whole = OnnxModel.load(Files.readAllBytes(int8), "whole file", 1)) {
            assertThat(inPlace.lastLayerFirstTokenOnly()).isFalse();
            assertThat(inPlace.logits(OnnxModelTest.batch(LONGER)))
                    .isDeepEqualTo(whole.logits(OnnxModelTest.batch(LONGER)));
        }
    }

    @Test
    void aLinkedFileIsReadInTheFolderItLinksTo(@TempDir Path dir) throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("linked.onnx"), tinyModel().toRealPath());
        try (OnnxModel linked = OnnxModel.loadClassifier(link, 1);
             OnnxModel whole = OnnxModel.load(Files.readAllBytes(link), "whole file", 1)) {
            assertThat(linked.weightsInPlace()).isTrue();
            assertClose(linked.logits(OnnxModelTest.batch(SHORT)), whole.logits(OnnxModelTest.batch(SHORT)));
        }
    }

    @Test
    void aFileOurReaderRefusesIsLeftToOnnxRuntime(@TempDir Path dir) throws IOException {
        Path bad = Files.writeString(dir.resolve("model.onnx"), "not an onnx graph");
        assertThat(InPlaceGraph.of(bad.toRealPath(), map(bad), 0, true)).isEmpty();
    }

    private static ByteBuffer map(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
        }
    }

    private static void assertClose(float[][] actual, float[][] expected) {
        assertThat(actual.length).isEqualTo(expected.length);
        for (int i = 0; i < expected.length; i++) {
            for (int l = 0; l < expected[i].length; l++) {
                assertThat(actual[i][l]).as("text %d logit %d", i, l)
                        .isCloseTo(expected[i][l], org.assertj.core.data.Offset.offset(1e-5f));
            }
        }
    }
}
