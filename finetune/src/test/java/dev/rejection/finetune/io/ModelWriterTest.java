package dev.rejection.finetune.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rejection.finetune.SequenceClassifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ModelWriterTest {

    /** A base exported with only its tokenizer.json (all-MiniLM-L6-v2's ONNX export): transformers.js needs more. */
    @Test
    void aTokenizerJsonAloneGetsATokenizerConfigNamingTheClassAndTheLongestInput(@TempDir Path dir) throws Exception {
        Path tokenizer = Files.writeString(dir.resolve("tokenizer.json"), "{\"added_tokens\": [{\"id\": 0, "
                + "\"content\": \"[PAD]\"}, {\"id\": 1, \"content\": \"<pad>\"}, {\"id\": 2, \"content\": \"[SEP]\"}]}");
        for (String type : List.of("bert", "roberta")) {
            SequenceClassifier model = SafetensorsTest.tiny(type, 1);
            Path out = dir.resolve(type);
            ModelWriter.write(model, null, tokenizer, List.of("NORMAL", "REJECTION"), out);
            JsonNode config = new ObjectMapper().readTree(out.resolve("tokenizer_config.json").toFile());
            var e = model.architecture().encoder();
            assertThat(config.path("tokenizer_class").asText())
                    .isEqualTo(type.equals("bert") ? "BertTokenizer" : "RobertaTokenizer");
            assertThat(config.path("model_max_length").asInt()).isEqualTo(type.equals("bert")
                    ? e.maxPositionEmbeddings() : e.maxPositionEmbeddings() - e.padTokenId() - 1);
            // only the convention's tokens that tokenizer.json has
            assertThat(config.path("pad_token").asText()).isEqualTo(type.equals("bert") ? "[PAD]" : "<pad>");
            assertThat(config.has("sep_token")).isEqualTo(type.equals("bert"));
            assertThat(config.has("cls_token")).isFalse();
        }
    }

    @Test
    void aBasesOwnTokenizerConfigIsKept(@TempDir Path dir) throws Exception {
        Path base = Files.createDirectories(dir.resolve("base"));
        Files.writeString(base.resolve("tokenizer.json"), "{}");
        Files.writeString(base.resolve("tokenizer_config.json"), "{\"model_max_length\": 77}");
        Path out = dir.resolve("out");
        ModelWriter.write(SafetensorsTest.tiny("bert", 1), null, base, List.of("A", "B"), out);
        assertThat(Files.readString(out.resolve("tokenizer_config.json"))).isEqualTo("{\"model_max_length\": 77}");
    }

    @Test
    void aWriteThatFailsPartWayLeavesNoConfigSoTheFolderIsNoModel(@TempDir Path dir) throws Exception {
        Path base = Files.createDirectories(dir.resolve("base"));
        Files.writeString(base.resolve("tokenizer.json"), "{}");
        Path out = dir.resolve("out");
        ModelWriter.write(SafetensorsTest.tiny("bert", 1), null, base, List.of("A", "B"), out);
        assertThat(out.resolve("config.json")).exists();
        assertThat(out.resolve("config.json.partial")).doesNotExist();

        // written again over that model, the graph cannot be written: the earlier config must not stay beside
        // the new weights, and no new config may name weights that are not there
        Files.delete(out.resolve("onnx/model.onnx"));
        Files.createDirectories(out.resolve("onnx/model.onnx/blocked"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ModelWriter.write(SafetensorsTest.tiny("bert", 2),
                null, base, List.of("A", "B"), out)).isInstanceOf(java.io.IOException.class);
        assertThat(out.resolve("config.json")).doesNotExist();
        assertThat(out.resolve("config.json.partial")).doesNotExist();
    }
}
