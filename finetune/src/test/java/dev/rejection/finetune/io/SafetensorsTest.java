package dev.rejection.finetune.io;

import dev.rejection.finetune.Architecture;
import dev.rejection.finetune.Batch;
import dev.rejection.finetune.Example;
import dev.rejection.finetune.Param;
import dev.rejection.finetune.SequenceClassifier;
import dev.rejection.onnx.graph.EncoderConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SafetensorsTest {

    static SequenceClassifier tiny(String type, long seed) {
        Architecture arch = new Architecture(new EncoderConfig(type, 30, 16, 2, 2, 32, 24, 2,
                type.equals("roberta") ? 1 : 0, 1e-5, 0.2, 2), 0.1, 0.1, 0.1);
        SequenceClassifier m = new SequenceClassifier(arch);
        m.initialize(seed, null);
        return m;
    }

    static Batch batch(int pad, int first) {
        return Batch.of(List.of(Example.of(new int[] {first, 5, 9, 14, 3, 22, 2}, 1),
                Example.of(new int[] {first, 7, 4}, 0)), pad);
    }

    @Test
    void aSavedModelReloadsWithTheSameParametersAndLogits(@TempDir Path dir) throws IOException {
        SequenceClassifier model = tiny("roberta", 5);
        Path file = dir.resolve("model.safetensors");
        Safetensors.write(file, Checkpoints.toHuggingFace(model));
        Map<String, Safetensors.Tensor> read = Safetensors.read(file);
        assertThat(read.get("classifier.out_proj.weight").shape()).containsExactly(2, 16); // PyTorch [out, in]

        SequenceClassifier copy = tiny("roberta", 99);
        Checkpoints.fromHuggingFace(copy, read, file.toString());
        for (Param p : model.params()) {
            assertThat(copy.param(p.name()).values()).as(p.name()).containsExactly(p.values());
        }
        Batch b = batch(1, 0);
        assertThat(copy.logits(b)).containsExactly(model.logits(b));
    }

    @Test
    void aHuggingFaceDirectoryWithoutTheModelPrefixLoadsAndGetsAFreshHead(@TempDir Path dir) throws IOException {
        SequenceClassifier model = tiny("bert", 5);
        Map<String, Safetensors.Tensor> hf = Checkpoints.toHuggingFace(model);
        Map<String, Safetensors.Tensor> base = new java.util.LinkedHashMap<>();
        hf.forEach((name, t) -> {
            if (name.startsWith("bert.")) { // as AutoModel saves an encoder: no prefix, no classifier
                base.put(name.substring(5), t);
            }
        });
        Safetensors.write(dir.resolve("model.safetensors"), base);
        Files.write(dir.resolve("config.json"), ModelWriter.config(model.architecture(), null, List.of("A", "B"))
                .toString().getBytes(StandardCharsets.UTF_8));
        Checkpoints.Loaded loaded = Checkpoints.load(dir, 2, 1);
        assertThat(loaded.initialized()).containsExactly("classifier.weight", "classifier.bias");
        assertThat(loaded.model().param("bert.encoder.layer.1.output.dense.weight").values())
                .containsExactly(model.param("bert.encoder.layer.1.output.dense.weight").values());
    }

    @Test
    void halfAndBfloatTensorsWidenToFloat(@TempDir Path dir) throws IOException {
        String header = "{\"h\":{\"dtype\":\"F16\",\"shape\":[3],\"data_offsets\":[0,6]},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[6,10]}}";
        ByteBuffer buf = ByteBuffer.allocate(8 + header.length() + 10).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(header.length()).put(header.getBytes(StandardCharsets.US_ASCII));
        buf.putShort((short) 0x3C00).putShort((short) 0xC000).putShort((short) 0x0001); // 1, -2, 2^-24
        buf.putShort((short) 0x3F80).putShort((short) 0xC0A0);                          // 1, -5
        Path f = dir.resolve("x.safetensors");
        Files.write(f, buf.array());
        Map<String, Safetensors.Tensor> t = Safetensors.read(f);
        assertThat(t.get("h").values()).containsExactly(1f, -2f, 0x1p-24f);
        assertThat(t.get("b").values()).containsExactly(1f, -5f);
    }

    @Test
    void aTruncatedFileIsANamedError(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("bad.safetensors");
        Safetensors.write(f, Checkpoints.toHuggingFace(tiny("bert", 1)));
        byte[] all = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(all, all.length - 100));
        assertThatThrownBy(() -> Safetensors.read(f)).hasMessageContaining("bad.safetensors")
                .hasMessageContaining("data_offsets");
    }

    @Test
    void aNegativeOrOverflowingShapeIsANamedError(@TempDir Path dir) throws IOException {
        // [-2, 2] spells -4 values, which -16 bytes "fit"; the product of [2^31, 2^33] wraps around to 0
        for (String shape : new String[] {"[-2,2]", "[2147483648,8589934592]", "[1.5,2]"}) {
            String header = "{\"w\":{\"dtype\":\"F32\",\"shape\":" + shape + ",\"data_offsets\":[16,0]}}";
            ByteBuffer buf = ByteBuffer.allocate(8 + header.length() + 16).order(ByteOrder.LITTLE_ENDIAN);
            buf.putLong(header.length()).put(header.getBytes(StandardCharsets.US_ASCII));
            Path f = dir.resolve("shape.safetensors");
            Files.write(f, buf.array());
            assertThatThrownBy(() -> Safetensors.read(f)).as(shape).isInstanceOf(IOException.class)
                    .hasMessageContaining("shape.safetensors").hasMessageContaining("tensor 'w'");
        }
    }
}
