package dev.rejection.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rejection.onnx.proto.ModelProto;
import dev.rejection.onnx.proto.TensorProto;
import dev.rejection.testing.StandIns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class StandInTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void tinyIsAHuggingFaceModelDirectory() throws Exception {
        Path dir = StandIns.tiny();
        for (String f : new String[] {"config.json", "tokenizer.json", "vocab.json", "merges.txt",
                "tokenizer_config.json", "special_tokens_map.json", "onnx/model.onnx"}) {
            assertThat(dir.resolve(f)).isRegularFile();
        }
        JsonNode config = JSON.readTree(dir.resolve("config.json").toFile());
        assertThat(config.get("model_type").asText()).isEqualTo("roberta");
        assertThat(config.get("hidden_size").asInt()).isEqualTo(32);
        assertThat(config.get("vocab_size").asInt()).isEqualTo(50265);
        assertThat(config.get("id2label").get("1").asText()).isEqualTo("REJECTION");
        assertThat(JSON.readTree(dir.resolve("tokenizer_config.json").toFile()).get("model_max_length").asInt())
                .isEqualTo(512);
        assertThat(Files.isWritable(dir.resolve("vocab.json"))).isTrue();
    }

    @Test
    void distilrobertaCarriesTheRealConfigVerbatim() throws Exception {
        Path dir = StandIns.distilroberta();
        Path real = StandIns.sharedData("the stand-in against the real model's config").resolve("distilroberta-base-rejection-v1/onnx_config.json");
        assertThat(Files.readAllBytes(dir.resolve("config.json"))).isEqualTo(Files.readAllBytes(real));
        assertThat(Files.size(dir.resolve("onnx/model.onnx"))).isBetween(320_000_000L, 340_000_000L);
    }

    @Test
    void weightsFollowHuggingFaceInitialisation() throws Exception {
        ModelProto model = ModelProto.read(StandIns.tiny().resolve("onnx/model.onnx"));
        var w = model.graph().initializersByName();
        float[] words = w.get("roberta.embeddings.word_embeddings.weight").floats();
        double sum = 0;
        double squares = 0;
        for (float v : words) {
            sum += v;
            squares += v * v;
        }
        double mean = sum / words.length;
        assertThat(mean).isCloseTo(0, within(StandIn.TINY_INITIALIZER_RANGE / 100));
        assertThat(Math.sqrt(squares / words.length - mean * mean))
                .isCloseTo(StandIn.TINY_INITIALIZER_RANGE, within(StandIn.TINY_INITIALIZER_RANGE / 100));
        for (int j = 0; j < 32; j++) { // the padding row (id 1) is zero
            assertThat(words[32 + j]).isZero();
        }
        assertThat(w.get("roberta.encoder.layer.1.output.LayerNorm.weight").floats()).containsOnly(1f);
        assertThat(w.get("roberta.encoder.layer.1.output.LayerNorm.bias").floats()).containsOnly(0f);
        assertThat(w.get("classifier.out_proj.bias").floats()).containsOnly(0f);
        assertThat(w.get("roberta.encoder.layer.0.intermediate.dense.weight").dims()).containsExactly(32, 64);
    }

    @Test
    void theSameSeedGivesTheSameBytesAndAnotherSeedOthers(@TempDir Path tmp) throws Exception {
        StandIn tiny = StandIn.of(StandIn.Size.TINY, StandIns.sharedData("the tiny stand-in's generation"));
        byte[] a = Files.readAllBytes(tiny.write(tmp.resolve("a"), StandIns.SEED).resolve("onnx/model.onnx"));
        byte[] b = Files.readAllBytes(StandIns.tiny().resolve("onnx/model.onnx"));
        byte[] c = Files.readAllBytes(tiny.write(tmp.resolve("c"), 7).resolve("onnx/model.onnx"));
        assertThat(a).isEqualTo(b);
        assertThat(c).hasSameSizeAs(a).isNotEqualTo(a);
    }

    @Test
    void bertTinyHasTokenTypesAndAWordPieceVocabulary() throws Exception {
        Path dir = StandIns.bertTiny();
        JsonNode config = JSON.readTree(dir.resolve("config.json").toFile());
        assertThat(config.get("model_type").asText()).isEqualTo("bert");
        assertThat(config.get("vocab_size").asInt()).isEqualTo(30522);
        assertThat(config.get("pad_token_id").asInt()).isZero();
        JsonNode tokenizer = JSON.readTree(dir.resolve("tokenizer.json").toFile());
        assertThat(tokenizer.get("model").get("type").asText()).isEqualTo("WordPiece");
        assertThat(tokenizer.get("padding").isNull()).isTrue();
        assertThat(tokenizer.get("truncation").isNull()).isTrue();
        ModelProto model = ModelProto.read(dir.resolve("onnx/model.onnx"));
        assertThat(model.graph().inputs()).extracting(v -> v.name())
                .containsExactly("input_ids", "attention_mask", "token_type_ids");
        TensorProto types = model.graph().initializersByName().get("bert.embeddings.token_type_embeddings.weight");
        assertThat(types.dims()).containsExactly(2, 32);
    }

    @Test
    void badSizesAndMissingSourcesAreNamed(@TempDir Path tmp) {
        assertThatThrownBy(() -> StandIn.Size.parse("huge"))
                .hasMessageContaining("unknown stand-in size 'huge' (tiny, distilroberta, bert-tiny)");
        assertThatThrownBy(() -> StandIn.of(StandIn.Size.TINY, tmp))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("onnx_config.json");
    }
}
