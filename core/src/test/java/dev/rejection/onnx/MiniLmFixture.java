package dev.rejection.onnx;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The quantized all-MiniLM-L6-v2 inside the langchain4j test jar: a real BERT encoder with int8 MatMuls. */
final class MiniLmFixture {
    static final String ONNX_RESOURCE = "all-minilm-l6-v2-q.onnx";
    static final String TOKENIZER_RESOURCE = "all-minilm-l6-v2-q-tokenizer.json";

    private MiniLmFixture() {
    }

    static byte[] onnxBytes() {
        try (InputStream in = MiniLmFixture.class.getClassLoader().getResourceAsStream(ONNX_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(ONNX_RESOURCE + " not on the test classpath: the langchain4j "
                        + "all-minilm-l6-v2-q test dependency is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
