package dev.rejection.detect.head;

import dev.rejection.onnx.OnnxModel;
import dev.rejection.tokenizer.Tokenizer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TextEncoderTest {

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = TextEncoderTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as("classpath resource " + name).isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void poolsAllTokensAndTheOpeningSeparatelyAndBatchesEqualSingles() throws IOException {
        Tokenizer tokenizer = Tokenizer.fromJson(new String(resource("all-minilm-l6-v2-q-tokenizer.json"),
                StandardCharsets.UTF_8), "minilm");
        try (TextEncoder encoder = new TextEncoder(tokenizer,
                OnnxModel.load(resource("all-minilm-l6-v2-q.onnx"), "minilm", 1), 64, 3, 2)) {
            String shortText = "I can't."; // [CLS] i can ' t . [SEP]: the opening is 'i can ''
            String longText = "I'm sorry, but I cannot help with that request because it could cause harm.";
            TextEncoder.Encoded one = encoder.encode(shortText);
            assertThat(one.features()).hasSize(2 * 384);
            assertThat(one.tokens()).isEqualTo(7);
            // whole-text and opening means differ when the opening is a strict part of the text
            assertThat(one.features()[0]).isNotEqualTo(one.features()[384]);

            List<TextEncoder.Encoded> batch = encoder.encode(List.of(longText, shortText));
            // one text per call (quantized model): the same features alone or in a list
            assertThat(batch.get(1).features()).containsExactly(one.features(), within(1e-6));
            assertThat(batch.get(0).features()).containsExactly(encoder.encode(longText).features(), within(1e-6));
        }
    }
}
