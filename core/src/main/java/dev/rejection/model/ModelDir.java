package dev.rejection.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

/**
 * A text-classification model in Hugging Face layout: {@code config.json} (with {@code id2label}), the tokenizer
 * files ({@code tokenizer.json}, else {@code vocab.json} + {@code merges.txt} or {@code vocab.txt}), an optional
 * {@code tokenizer_config.json} and the ONNX graph ({@code model.onnx}, else {@code onnx/model.onnx}, or a named
 * file such as {@code onnx/model_quantized.onnx}).
 *
 * <p>Opening a directory checks all of this up front, so a missing or malformed file fails before any work, with a
 * message naming it. The ONNX file itself is only proven loadable when a session is created from it.
 */
public record ModelDir(Path root, ModelConfig config, Path onnxFile, OptionalInt modelMaxLength) {

    /** Files that together make a tokenizer, in the order they are preferred. */
    public static final List<List<String>> TOKENIZER_FILES =
            List.of(List.of("tokenizer.json"), List.of("vocab.json", "merges.txt"), List.of("vocab.txt"));

    /** ONNX files looked for when none is named, in order. */
    public static final List<String> DEFAULT_ONNX_FILES = List.of("model.onnx", "onnx/model.onnx");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Opens a model directory with the default ONNX file. */
    public static ModelDir open(Path root) {
        return open(root, null);
    }

    /**
     * Opens a model directory.
     *
     * @param onnxFile path of the ONNX file relative to {@code root}, or null for the defaults
     * @throws ModelException naming the file that is missing or wrong
     */
    public static ModelDir open(Path root, String onnxFile) {
        if (!Files.isDirectory(root)) {
            throw new ModelException("model directory not found: " + root);
        }
        ModelConfig config = requireLabels(ModelConfig.read(root.resolve("config.json")));
        requireTokenizer(root);
        return new ModelDir(root, config, findOnnx(root, onnxFile), readModelMaxLength(root));
    }

    static ModelConfig requireLabels(ModelConfig config) {
        if (config.labels().isEmpty()) {
            throw new ModelException(config.source() + " has no id2label: a text-classification model needs its "
                    + "label names");
        }
        return config;
    }

    /** The {@code config.json} file. */
    public Path configFile() {
        return root.resolve("config.json");
    }

    private static void requireTokenizer(Path root) {
        for (List<String> files : TOKENIZER_FILES) {
            if (files.stream().allMatch(f -> Files.isRegularFile(root.resolve(f)))) {
                return;
            }
        }
        throw new ModelException("no tokenizer in " + root + ": expected tokenizer.json, or vocab.json with "
                + "merges.txt, or vocab.txt");
    }

    private static Path findOnnx(Path root, String named) {
        if (named != null) {
            Path file = root.resolve(named);
            if (Path.of(named).isAbsolute() || !file.normalize().startsWith(root.normalize())) {
                throw new ModelException("ONNX file '" + named + "' must be a path inside the model directory "
                        + root + " (relative, not climbing out with '..')");
            }
            if (!Files.isRegularFile(file)) {
                throw new ModelException("ONNX model file not found: " + file);
            }
            return requireReadable(file);
        }
        for (String candidate : DEFAULT_ONNX_FILES) {
            Path file = root.resolve(candidate);
            if (Files.isRegularFile(file)) {
                return requireReadable(file);
            }
        }
        throw new ModelException("ONNX model file not found: neither " + root.resolve(DEFAULT_ONNX_FILES.get(0))
                + " nor " + root.resolve(DEFAULT_ONNX_FILES.get(1)) + " exists");
    }

    private static Path requireReadable(Path file) {
        if (!Files.isReadable(file)) {
            throw new ModelException("ONNX model file is not readable: " + file);
        }
        return file;
    }

    /**
     * {@code model_max_length} from {@code tokenizer_config.json}; empty when the file or field is absent or holds
     * Hugging Face's "no limit" sentinel ({@code int(1e30)}).
     */
    private static OptionalInt readModelMaxLength(Path root) {
        Path file = root.resolve("tokenizer_config.json");
        if (!Files.isRegularFile(file)) {
            return OptionalInt.empty();
        }
        try {
            return parseModelMaxLength(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new ModelException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** {@code model_max_length} from the text of a {@code tokenizer_config.json}; {@code source} names it. */
    static OptionalInt parseModelMaxLength(String json, String source) {
        JsonNode node;
        try {
            JsonNode root = JSON.readTree(json);
            node = root == null ? null : root.get("model_max_length");
        } catch (IOException e) {
            throw new ModelException("malformed JSON in " + source + ": " + e.getMessage(), e);
        }
        if (node == null || node.isNull()) {
            return OptionalInt.empty();
        }
        if (!node.isNumber()) {
            throw new ModelException(source + ": model_max_length must be a number, found " + node);
        }
        if (!Double.isFinite(node.doubleValue())) { // past a double's range, as 1e400: no BigInteger holds it
            if (node.doubleValue() > 0) {
                return OptionalInt.empty(); // the "no limit" that transformers writes as 1e30, only larger
            }
            throw new ModelException(source + ": model_max_length must be positive, found " + node);
        }
        BigInteger value = node.bigIntegerValue();
        if (value.signum() <= 0) {
            throw new ModelException(source + ": model_max_length must be positive, found " + node);
        }
        return value.bitLength() < Integer.SIZE ? OptionalInt.of(value.intValueExact()) : OptionalInt.empty();
    }
}
