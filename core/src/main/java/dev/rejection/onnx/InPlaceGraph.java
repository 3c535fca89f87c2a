package dev.rejection.onnx;

import dev.rejection.onnx.proto.GraphProto;
import dev.rejection.onnx.proto.ModelProto;
import dev.rejection.onnx.proto.TensorProto;
import dev.rejection.onnx.quantize.FirstTokenLastLayer;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An ONNX file as a session is given it: the graph's structure as bytes (a few hundred kilobytes), with every
 * weight left where it lies in the file, referred to by offset (ONNX external data); the file may also be a jar
 * whose entry holds the graph uncompressed (the embedded default). ONNX Runtime then reads the
 * weights straight from the file into their tensors, instead of parsing a copy of the whole file first: an fp32
 * distilroberta (329 MB) gets its session in 0.65 s instead of 2.8 s, and the copies' memory is never touched.
 *
 * <p>For a sequence classifier the last encoder layer is narrowed to the first token on the way
 * ({@link FirstTokenLastLayer}: the same logits, a sixth less work on a 6-layer model) when the graph has that
 * pattern, and the caller asks for it; a graph without it, or one narrowed already, is given as it is.
 *
 * <p>The file must stay as it is while the session lives (ONNX Runtime may map it): replace a model by writing a
 * new file and moving it over the old one, as every tool here does.
 *
 * @param graph          the serialized graph, weights referred to in {@code folder}
 * @param folder         the folder the references are relative to (the real folder of the file, links resolved)
 * @param firstTokenOnly whether the last layer was narrowed to the first token
 */
record InPlaceGraph(byte[] graph, Path folder, boolean firstTokenOnly) {

    /** Smaller tensors stay in the graph: a reference costs more than their bytes. */
    static final int MIN_REFERENCED_BYTES = 1024;

    /** The session option naming the folder that a graph given as bytes refers to. */
    static final String FOLDER_OPTION = "session.model_external_initializers_file_folder_path";

    /**
     * The graph whose bytes are {@code bytes}, found at {@code base} in {@code realFile}, with its weights referred to
     * in place; empty when our reader does not take the bytes (external data already, over 2 GB, not a model),
     * which ONNX Runtime then reads itself and judges.
     *
     * @param realFile        the file with links resolved: the references name it within its folder
     * @param base            where the graph's bytes start in the file: 0, or the data of a stored jar entry
     * @param narrowLastLayer whether to narrow a sequence classifier's last layer to the first token
     */
    static Optional<InPlaceGraph> of(Path realFile, ByteBuffer bytes, long base, boolean narrowLastLayer) {
        ModelProto model;
        try {
            model = ModelProto.parse(bytes, realFile.toString());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        boolean narrowed = false;
        if (narrowLastLayer) {
            try {
                model = FirstTokenLastLayer.rewrite(model);
                narrowed = true;
            } catch (IllegalArgumentException notThatPattern) {
                // not a first-token classifier, or narrowed already: the graph as it is
            }
        }
        String name = realFile.getFileName().toString();
        GraphProto graph = model.graph();
        List<TensorProto> initializers = new ArrayList<>(graph.initializers().size());
        for (TensorProto t : graph.initializers()) {
            boolean inFile = t.rawDataOffset() >= 0; // read from the file (not made by the rewrite, not typed fields)
            initializers.add(inFile && t.rawData().remaining() >= MIN_REFERENCED_BYTES ? t.storedIn(name, base) : t);
        }
        byte[] serialized = model.withGraph(graph.withInitializers(initializers)).toByteArray();
        return Optional.of(new InPlaceGraph(serialized, realFile.getParent(), narrowed));
    }
}
