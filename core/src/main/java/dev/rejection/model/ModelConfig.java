package dev.rejection.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The fields of a Hugging Face {@code config.json} that text classification needs.
 *
 * @param labels                label names in id order (from {@code id2label}); empty when the config has none
 * @param label2id              {@code label2id} as written, or derived from {@code id2label} when absent
 * @param problemType           {@code problem_type}, e.g. {@code single_label_classification}; empty when unset
 * @param modelType             {@code model_type}, e.g. {@code roberta}; empty when unset
 * @param maxPositionEmbeddings {@code max_position_embeddings}; empty when unset
 * @param padTokenId            {@code pad_token_id}; empty when unset
 * @param evidenceGate          {@value #EVIDENCE_GATE}: whether the model asks to be read with the evidence gate
 *                              (a rejection without any sign of refusal is overruled); false when unset, so that
 *                              other models give exactly the Hugging Face pipeline's verdicts
 * @param windowLength          {@value #WINDOW_LENGTH}: tokens per window in window mode (special tokens included),
 *                              the length the model was trained on; empty when unset (windows of the max length)
 * @param readsPrompts          {@value #READS_PROMPTS}: whether the model was trained on (prompt, answer) pairs, so
 *                              that a prompt given with an answer is read; false when unset: answers are read alone
 * @param source                where the config came from, for error messages
 */
public record ModelConfig(List<String> labels, Map<String, Integer> label2id, Optional<String> problemType,
                          Optional<String> modelType, OptionalInt maxPositionEmbeddings, OptionalInt padTokenId,
                          boolean evidenceGate, OptionalInt windowLength, boolean readsPrompts, String source) {
    /** Our key in {@code config.json}: {@code true} for a model trained on (prompt, answer) pairs. */
    public static final String READS_PROMPTS = "rejection_reads_prompts";

    /**
     * Why {@code model}, a model without {@value #READS_PROMPTS}, is given no prompts (each entry point names its own
     * option before it): it was not trained on (prompt, answer) pairs, so a prompt would be input it never saw.
     */
    public static String answersAlone(String model) {
        return model + " was trained on answers alone (its config.json has no \"" + READS_PROMPTS + "\": true): a "
                + "prompt would be input it never saw; train one with train --full --prompt-field";
    }
    /** Our key in {@code config.json} (Hugging Face keeps unknown keys): {@code true} turns the evidence gate on. */
    public static final String EVIDENCE_GATE = "rejection_evidence_gate";
    /**
     * Our key in {@code config.json}: the tokens a window-mode read gives each window. A model trained on the first
     * 128 tokens of its texts finds a refusal inside a long answer better in windows of that length than in 512-token
     * windows, where it is a few sentences among many.
     */
    public static final String WINDOW_LENGTH = "rejection_window_length";

    private static final ObjectMapper JSON = new ObjectMapper();

    public ModelConfig {
        labels = List.copyOf(labels);
        label2id = Collections.unmodifiableMap(new LinkedHashMap<>(label2id));
    }

    /** Reads and checks {@code config.json}; every problem is reported with the file's path and the field. */
    public static ModelConfig read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ModelException("model config not found: " + file);
        }
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new ModelException("cannot read model config " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses the text of a {@code config.json}; {@code source} names it in error messages. */
    public static ModelConfig parse(String json, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new ModelException("malformed JSON in " + source + where + ": " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ModelException(source + " is not a JSON object");
        }
        List<String> labels = readLabels(root, source);
        Map<String, Integer> label2id = readLabel2id(root, labels, source);
        JsonNode numLabels = root.get("num_labels");
        if (numLabels != null && !labels.isEmpty() && numLabels.asInt() != labels.size()) {
            throw new ModelException(source + ": num_labels is " + numLabels.asInt() + " but id2label has "
                    + labels.size() + " labels");
        }
        return new ModelConfig(labels, label2id, text(root, "problem_type"), text(root, "model_type"),
                positive(root, "max_position_embeddings", source), integer(root, "pad_token_id", source),
                flag(root, EVIDENCE_GATE, source), windowLength(root, source), flag(root, READS_PROMPTS, source),
                source);
    }

    private static OptionalInt windowLength(JsonNode root, String source) {
        OptionalInt length = integer(root, WINDOW_LENGTH, source);
        if (length.isPresent() && length.getAsInt() < 8) {
            throw new ModelException(source + ": " + WINDOW_LENGTH + " must be at least 8 tokens, got "
                    + length.getAsInt());
        }
        return length;
    }

    private static boolean flag(JsonNode root, String field, String source) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw new ModelException(source + ": " + field + " must be true or false, got " + node);
        }
        return node.booleanValue();
    }

    /** Number of output labels. */
    public int numLabels() {
        return labels.size();
    }

    private static List<String> readLabels(JsonNode root, String source) {
        JsonNode id2label = root.get("id2label");
        if (id2label == null || id2label.isNull()) {
            return List.of();
        }
        if (!id2label.isObject()) {
            throw new ModelException(source + ": id2label must be an object of id -> label");
        }
        String[] labels = new String[id2label.size()];
        for (Map.Entry<String, JsonNode> entry : id2label.properties()) {
            int id;
            try {
                id = Integer.parseInt(entry.getKey());
            } catch (NumberFormatException e) {
                throw new ModelException(source + ": id2label key \"" + entry.getKey() + "\" is not an integer id");
            }
            if (id < 0 || id >= labels.length || labels[id] != null) {
                throw new ModelException(source + ": id2label ids must be 0.." + (labels.length - 1)
                        + ", each once; found " + id);
            }
            if (!entry.getValue().isTextual()) {
                throw new ModelException(source + ": id2label[" + id + "] must be a string");
            }
            labels[id] = entry.getValue().asText();
        }
        for (int id = 0; id < labels.length; id++) { // scores are kept by label name: a repeated one loses a class
            for (int other = 0; other < id; other++) {
                if (labels[other].equals(labels[id])) {
                    throw new ModelException(source + ": id2label names \"" + labels[id] + "\" twice (ids " + other
                            + " and " + id + "); each label needs a name of its own");
                }
            }
        }
        return List.of(labels);
    }

    private static Map<String, Integer> readLabel2id(JsonNode root, List<String> labels, String source) {
        Map<String, Integer> label2id = new LinkedHashMap<>();
        JsonNode node = root.get("label2id");
        if (node == null || node.isNull()) {
            for (int i = 0; i < labels.size(); i++) {
                label2id.put(labels.get(i), i);
            }
            return label2id;
        }
        if (!node.isObject()) {
            throw new ModelException(source + ": label2id must be an object of label -> id");
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (!entry.getValue().canConvertToInt()) {
                throw new ModelException(source + ": label2id[\"" + entry.getKey() + "\"] must be an integer");
            }
            label2id.put(entry.getKey(), entry.getValue().asInt());
        }
        return label2id;
    }

    private static Optional<String> text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        return node == null || node.isNull() ? Optional.empty() : Optional.of(node.asText());
    }

    private static OptionalInt integer(JsonNode root, String field, String source) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return OptionalInt.empty();
        }
        if (!node.canConvertToInt()) {
            throw new ModelException(source + ": " + field + " must be an integer, found " + node);
        }
        return OptionalInt.of(node.asInt());
    }

    /** An integer field that must be above 0 when set (a length). */
    private static OptionalInt positive(JsonNode root, String field, String source) {
        OptionalInt value = integer(root, field, source);
        if (value.isPresent() && value.getAsInt() < 1) {
            throw new ModelException(source + ": " + field + " must be positive, found " + value.getAsInt());
        }
        return value;
    }

    /** Labels with their ids, for messages: {@code [0 NORMAL, 1 REJECTION]}. */
    public String describeLabels() {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            parts.add(i + " " + labels.get(i));
        }
        return parts.toString();
    }
}
