package dev.rejection.finetune.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rejection.finetune.Architecture;
import dev.rejection.finetune.Param;
import dev.rejection.finetune.SequenceClassifier;
import dev.rejection.finetune.io.Checkpoints;
import dev.rejection.finetune.io.ModelWriter;
import dev.rejection.onnx.graph.EncoderConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WeightAverageTest {

    private static final List<String> LABELS = List.of("NORMAL", "REJECTION");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** A tiny BERT classifier with weights drawn at random from {@code seed}, written as train --full writes. */
    private Path model(String name, long seed, int windowLength, String tokenizerJson) throws IOException {
        Architecture arch = new Architecture(new EncoderConfig("bert", 30, 16, 2, 2, 32, 24, 2, 0, 1e-5, 0.2, 2),
                0.1, 0.1, 0.1);
        SequenceClassifier model = new SequenceClassifier(arch);
        java.util.Random random = new java.util.Random(seed);
        for (Param p : model.params()) { // every weight drawn, LayerNorm's too (initialised to 1 and 0)
            float[] v = new float[p.size()];
            for (int j = 0; j < v.length; j++) {
                v[j] = (float) random.nextGaussian();
            }
            p.set(v);
        }
        Path tokenizer = Files.createDirectories(dir.resolve(name + "-tokenizer"));
        Files.writeString(tokenizer.resolve("tokenizer.json"), tokenizerJson);
        Files.writeString(tokenizer.resolve("tokenizer_config.json"), "{\"model_max_length\": 24}");
        ObjectNode base = JSON.createObjectNode().put("rejection_window_length", windowLength);
        Path out = dir.resolve(name);
        ModelWriter.write(model, base, tokenizer, LABELS, out);
        return out;
    }

    private static List<Param> weights(Path model) throws IOException {
        Checkpoints.Loaded loaded = Checkpoints.load(model, 2, 99);
        assertThat(loaded.initialized()).isEmpty();
        return loaded.model().params();
    }

    @Test
    void everyWeightIsTheMeanOfTheModelsWeights() throws IOException {
        List<Path> models = List.of(model("a", 1, 32, "{}"), model("b", 2, 32, "{}"), model("c", 3, 32, "{}"));
        Path out = dir.resolve("mean");
        WeightAverage.write(models, out);

        List<Param> a = weights(models.get(0));
        List<Param> b = weights(models.get(1));
        List<Param> c = weights(models.get(2));
        List<Param> mean = weights(out);
        assertThat(mean).hasSameSizeAs(a);
        for (int i = 0; i < mean.size(); i++) {
            float[] got = mean.get(i).values();
            float[] x = a.get(i).values();
            float[] y = b.get(i).values();
            float[] z = c.get(i).values();
            assertThat(x).isNotEqualTo(y);
            for (int j = 0; j < got.length; j++) {
                assertThat((double) got[j]).as(mean.get(i).name() + "[" + j + "]")
                        .isCloseTo(((double) x[j] + y[j] + z[j]) / 3, org.assertj.core.api.Assertions.within(1e-6));
            }
        }
        // the first model's reading settings and tokenizer carry over; the sources are named
        JsonNode config = JSON.readTree(out.resolve("config.json").toFile());
        assertThat(config.path("rejection_window_length").asInt()).isEqualTo(32);
        assertThat(config.path("id2label").path("1").asText()).isEqualTo("REJECTION");
        assertThat(out.resolve("tokenizer.json")).hasContent("{}");
        assertThat(out.resolve("onnx/model.onnx")).isRegularFile();
        JsonNode record = JSON.readTree(out.resolve("average.json").toFile());
        assertThat(record.path("averaged")).hasSize(3);
        assertThat(record.path("averaged").get(1).asText()).isEqualTo(models.get(1).toAbsolutePath().toString());
    }

    @Test
    void modelsReadDifferentlyAreRefusedNamingTheField() throws IOException {
        Path a = model("a", 1, 32, "{}");
        Path b = model("b", 2, 64, "{}");
        assertThatThrownBy(() -> WeightAverage.write(List.of(a, b), dir.resolve("mean")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(b.resolve("config.json") + ": field 'rejection_window_length' differs from "
                        + a.resolve("config.json") + "; only models of one recipe average");
        assertThat(dir.resolve("mean")).doesNotExist();
    }

    @Test
    void modelsWithDifferentTokenizersAreRefused() throws IOException {
        Path a = model("a", 1, 32, "{}");
        Path b = model("b", 2, 32, "{\"model\": {}}");
        assertThatThrownBy(() -> WeightAverage.write(List.of(a, b), dir.resolve("mean")))
                .hasMessage(b.resolve("tokenizer.json") + " differs from " + a.resolve("tokenizer.json")
                        + "; only models that read the same tokens average");
    }

    @Test
    void oneModelOrAFolderWithoutWeightsIsRefused() throws IOException {
        Path a = model("a", 1, 32, "{}");
        assertThatThrownBy(() -> WeightAverage.write(List.of(a), dir.resolve("mean")))
                .hasMessage("averaging needs at least two models, got 1");
        Path b = model("b", 2, 32, "{}");
        Files.delete(b.resolve("model.safetensors"));
        assertThatThrownBy(() -> WeightAverage.write(List.of(a, b), dir.resolve("mean")))
                .hasMessage(b + ": no model.safetensors (a directory written by rejection train --full is needed)");
    }
}
