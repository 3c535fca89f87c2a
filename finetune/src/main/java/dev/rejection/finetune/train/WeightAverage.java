package dev.rejection.finetune.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rejection.finetune.Param;
import dev.rejection.finetune.SequenceClassifier;
import dev.rejection.finetune.io.Checkpoints;
import dev.rejection.finetune.io.ModelWriter;
import dev.rejection.model.ModelConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * {@code rejection average}: one model whose every weight is the mean of the same weight in models fine-tuned from
 * the same base with the same recipe and different seeds (a uniform "model soup", Wortsman et al. 2022). Such runs
 * end in one basin, so their mean is a model of the same architecture and cost that varies less with the seed than
 * any one run, and tends to carry better to data unlike the training data.
 *
 * <p>The models must be directories {@code rejection train --full} wrote: the same {@code config.json} and
 * {@code tokenizer.json}, weights in {@code model.safetensors}. The result is written by {@link ModelWriter} with
 * the first model's config and tokenizer files, plus {@code average.json} naming the models averaged.
 */
public final class WeightAverage {

    private static final ObjectMapper JSON = new ObjectMapper();

    private WeightAverage() {
    }

    /**
     * Averages {@code models} into {@code out}.
     *
     * @throws IllegalArgumentException when fewer than two models are given, or they differ in anything but their
     *                                  weights (naming the model and the field or file)
     * @throws IOException              when a model cannot be read, or {@code out} written
     */
    public static void write(List<Path> models, Path out) throws IOException {
        if (models.size() < 2) {
            throw new IllegalArgumentException("averaging needs at least two models, got " + models.size());
        }
        Path first = models.get(0);
        JsonNode config = config(first);
        List<String> labels = ModelConfig.read(first.resolve("config.json")).labels();
        if (labels.size() < 2) {
            throw new IllegalArgumentException(first.resolve("config.json") + ": field 'id2label' must name the "
                    + "labels of a classifier, got " + labels);
        }
        byte[] tokenizer = tokenizer(first);
        SequenceClassifier mean = load(first, labels.size());
        List<Param> sums = mean.params(); // summed into in place (values() is the live array), then scaled
        for (Path other : models.subList(1, models.size())) {
            String differs = firstDifference(config, config(other));
            if (differs != null) {
                throw new IllegalArgumentException(other.resolve("config.json") + ": field '" + differs
                        + "' differs from " + first.resolve("config.json") + "; only models of one recipe average");
            }
            if (!Arrays.equals(tokenizer, tokenizer(other))) {
                throw new IllegalArgumentException(other.resolve("tokenizer.json") + " differs from "
                        + first.resolve("tokenizer.json") + "; only models that read the same tokens average");
            }
            List<Param> params = load(other, labels.size()).params();
            for (int i = 0; i < sums.size(); i++) {
                float[] sum = sums.get(i).values();
                float[] add = params.get(i).values();
                for (int j = 0; j < sum.length; j++) {
                    sum[j] += add[j];
                }
            }
        }
        float scale = 1f / models.size();
        for (Param p : sums) {
            float[] v = p.values();
            for (int j = 0; j < v.length; j++) {
                v[j] *= scale;
            }
        }
        ObjectNode record = JSON.createObjectNode();
        record.put("method", "uniform average of every weight");
        models.forEach(m -> record.withArray("averaged").add(m.toAbsolutePath().normalize().toString()));
        Files.createDirectories(out);
        JSON.writerWithDefaultPrettyPrinter().writeValue(out.resolve("average.json").toFile(), record);
        ModelWriter.write(mean, config, first, labels, out); // its config.json last: a model only when complete
    }

    /** The model's weights; a model that lacks any of them (a bare encoder, another head) is refused. */
    private static SequenceClassifier load(Path model, int labels) throws IOException {
        if (!Files.isRegularFile(model.resolve("model.safetensors"))) {
            throw new IllegalArgumentException(model + ": no model.safetensors (a directory written by "
                    + "rejection train --full is needed)");
        }
        Checkpoints.Loaded loaded = Checkpoints.load(model, labels, 0);
        if (!loaded.initialized().isEmpty()) {
            throw new IllegalArgumentException(model + "/model.safetensors: no weights for "
                    + loaded.initialized() + "; only fine-tuned classifiers average");
        }
        return loaded.model();
    }

    private static JsonNode config(Path model) throws IOException {
        Path file = model.resolve("config.json");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(model + ": no config.json");
        }
        try {
            return JSON.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static byte[] tokenizer(Path model) throws IOException {
        Path file = model.resolve("tokenizer.json");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(model + ": no tokenizer.json");
        }
        return Files.readAllBytes(file);
    }

    /** The first top-level field whose value differs between two configs (either side), or null when none. */
    private static String firstDifference(JsonNode a, JsonNode b) {
        for (Iterator<String> names = a.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!a.get(name).equals(b.get(name))) {
                return name;
            }
        }
        for (Iterator<String> names = b.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!a.has(name)) {
                return name;
            }
        }
        return null;
    }
}
