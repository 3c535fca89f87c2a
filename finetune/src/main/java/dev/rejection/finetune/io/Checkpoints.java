package dev.rejection.finetune.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rejection.finetune.Architecture;
import dev.rejection.finetune.Param;
import dev.rejection.finetune.SequenceClassifier;
import dev.rejection.onnx.graph.EncoderConfig;
import dev.rejection.onnx.proto.ModelProto;
import dev.rejection.onnx.quantize.Dequantizer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Weights in: a pretrained encoder (or classifier) becomes a {@link SequenceClassifier}. Two sources:
 * a Hugging Face directory ({@code config.json} + {@code model.safetensors}; parameter names with or without the
 * {@code bert.}/{@code roberta.} prefix, legacy {@code gamma}/{@code beta} LayerNorm names accepted), or an ONNX
 * file, read by graph structure ({@link OnnxEncoderReader}), with the {@code config.json} beside it when there is
 * one; an int8 file written by {@code rejection quantize} is read dequantized ({@link Dequantizer}). Parameters the base lacks (typically the classification head) are freshly initialised from the seed.
 */
public final class Checkpoints {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Checkpoints() {
    }

    /**
     * A loaded model.
     *
     * @param model       the classifier, ready to train
     * @param initialized names of the parameters the base did not provide (freshly initialised)
     * @param config      the base's {@code config.json}, or null when there was none (an ONNX file alone)
     * @param directory   the folder the base's files (tokenizer, config) live in
     */
    public record Loaded(SequenceClassifier model, List<String> initialized, JsonNode config, Path directory) {
    }

    /** Loads {@code base} (a directory or an {@code .onnx} file) as a classifier with {@code numLabels} outputs. */
    public static Loaded load(Path base, int numLabels, long seed) throws IOException {
        if (Files.isDirectory(base)) {
            Path safetensors = base.resolve("model.safetensors");
            if (Files.isRegularFile(safetensors)) {
                return fromSafetensors(base, safetensors, numLabels, seed);
            }
            for (Path onnx : List.of(base.resolve("model.onnx"), base.resolve("onnx").resolve("model.onnx"))) {
                if (Files.isRegularFile(onnx)) {
                    return fromOnnx(onnx, numLabels, seed);
                }
            }
            throw new IOException(base + ": no model.safetensors, model.onnx or onnx/model.onnx to fine-tune from");
        }
        if (Files.isRegularFile(base) && base.getFileName().toString().endsWith(".onnx")) {
            return fromOnnx(base, numLabels, seed);
        }
        throw new IOException(base + ": not a model directory or an .onnx file");
    }

    private static Loaded fromSafetensors(Path dir, Path file, int numLabels, long seed) throws IOException {
        Path configFile = dir.resolve("config.json");
        if (!Files.isRegularFile(configFile)) {
            throw new IOException(dir + ": config.json is missing (needed beside model.safetensors)");
        }
        JsonNode config = readJson(configFile);
        Architecture arch = Architecture.fromJson(config, configFile.toString()).withLabels(numLabels);
        Map<String, Safetensors.Tensor> tensors = Safetensors.read(file);
        SequenceClassifier model = new SequenceClassifier(arch);
        List<String> missing = new ArrayList<>();
        for (Param p : model.params()) {
            Safetensors.Tensor t = find(tensors, p.name(), arch.encoder().modelType());
            if (t == null || !fits(p, t)) {
                if (t != null && !p.name().startsWith("classifier")) {
                    throw new IOException(file + ": tensor for '" + p.name() + "' has shape "
                            + Arrays.toString(t.shape()) + ", expected " + Arrays.toString(hfShape(p)));
                }
                missing.add(p.name()); // absent, or a head with another number of labels
                continue;
            }
            p.set(engineLayout(p, t));
        }
        return finish(model, missing, seed, config, dir);
    }

    private static Loaded fromOnnx(Path file, int numLabels, long seed) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        // beside the file, or one folder up (model/onnx/model.onnx with model/config.json)
        Path configFile = Files.isRegularFile(dir.resolve("config.json")) ? dir.resolve("config.json")
                : dir.getParent() != null && Files.isRegularFile(dir.getParent().resolve("config.json"))
                ? dir.getParent().resolve("config.json") : null;
        JsonNode config = configFile == null ? null : readJson(configFile);
        ModelProto onnx = ModelProto.read(file);
        if (Dequantizer.isQuantized(onnx)) {
            // a shipped int8 model (rejection quantize) fine-tunes further from its weights brought back to float
            onnx = Dequantizer.dequantize(onnx);
        }
        String type = config == null ? null : config.path("model_type").asText(null);
        Integer pad = config == null || !config.has("pad_token_id") ? null : config.get("pad_token_id").asInt();
        Integer heads = config == null || !config.has("num_attention_heads") ? null
                : config.get("num_attention_heads").asInt();
        OnnxEncoderReader.Encoder found = OnnxEncoderReader.read(onnx.graph(), file.toString(), type, pad, heads,
                numLabels);
        Architecture arch = config != null
                ? Architecture.fromJson(config, configFile.toString()).withLabels(numLabels)
                : new Architecture(found.config(), 0.1, 0.1, 0.1);
        EncoderConfig want = arch.encoder();
        EncoderConfig got = found.config();
        if (want.hiddenSize() != got.hiddenSize() || want.numHiddenLayers() != got.numHiddenLayers()
                || want.numAttentionHeads() != got.numAttentionHeads()) {
            throw new IOException(file + ": the graph has hidden " + got.hiddenSize() + ", " + got.numHiddenLayers()
                    + " layers, " + got.numAttentionHeads() + " heads but " + configFile + " says "
                    + want.hiddenSize() + ", " + want.numHiddenLayers() + ", " + want.numAttentionHeads());
        }
        SequenceClassifier model = new SequenceClassifier(arch);
        List<String> missing = new ArrayList<>();
        for (Param p : model.params()) {
            float[] v = found.weights().get(p.name());
            if (v == null) {
                missing.add(p.name());
            } else if (v.length != p.size()) {
                throw new IOException(file + ": weight for '" + p.name() + "' has " + v.length + " values, expected "
                        + Arrays.toString(p.shape()));
            } else {
                p.set(v);
            }
        }
        return finish(model, missing, seed, config, configFile != null ? configFile.getParent() : filesFolder(dir));
    }

    /**
     * Without a config.json, where the base's tokenizer lives: beside the graph, or one folder up when only there
     * (a Hugging Face layout, model/onnx/model.onnx with model/tokenizer.json).
     */
    private static Path filesFolder(Path graphFolder) {
        Path up = graphFolder.getParent();
        return !Files.isRegularFile(graphFolder.resolve("tokenizer.json")) && up != null
                && Files.isRegularFile(up.resolve("tokenizer.json")) ? up : graphFolder;
    }

    private static Loaded finish(SequenceClassifier model, List<String> missing, long seed, JsonNode config,
                                 Path dir) {
        Set<String> encoderMissing = new HashSet<>(missing);
        encoderMissing.removeIf(n -> n.startsWith("classifier") || n.contains(".pooler."));
        if (!encoderMissing.isEmpty()) {
            throw new IllegalArgumentException(dir + ": the base has no weights for " + encoderMissing);
        }
        model.initialize(seed, new HashSet<>(missing));
        return new Loaded(model, List.copyOf(missing), config, dir);
    }

    /** The tensor for a parameter under the names checkpoints use for it. */
    private static Safetensors.Tensor find(Map<String, Safetensors.Tensor> tensors, String name, String type) {
        List<String> candidates = new ArrayList<>();
        candidates.add(name);
        if (name.startsWith(type + ".")) {
            candidates.add(name.substring(type.length() + 1));
        }
        for (String c : List.copyOf(candidates)) {
            if (c.endsWith("LayerNorm.weight")) {
                candidates.add(c.replace("LayerNorm.weight", "LayerNorm.gamma"));
            } else if (c.endsWith("LayerNorm.bias")) {
                candidates.add(c.replace("LayerNorm.bias", "LayerNorm.beta"));
            }
        }
        for (String c : candidates) {
            if (tensors.containsKey(c)) {
                return tensors.get(c);
            }
        }
        return null;
    }

    private static boolean fits(Param p, Safetensors.Tensor t) {
        return Arrays.equals(t.shape(), hfShape(p));
    }

    /** The parameter's shape in a PyTorch checkpoint (Linear weights {@code [out, in]}). */
    static long[] hfShape(Param p) {
        int[] s = p.shape();
        return p.linear() ? new long[] {s[1], s[0]} : Arrays.stream(s).asLongStream().toArray();
    }

    /** The model's parameters in Hugging Face's layout and names, for {@code model.safetensors}. */
    public static Map<String, Safetensors.Tensor> toHuggingFace(SequenceClassifier model) {
        Map<String, Safetensors.Tensor> out = new LinkedHashMap<>();
        for (Param p : model.params()) {
            float[] v = p.linear() ? OnnxEncoderReader.transpose(p.values(), p.shape()[0], p.shape()[1])
                    : p.values().clone();
            out.put(p.name(), new Safetensors.Tensor(hfShape(p), v));
        }
        return out;
    }

    /** Replaces every parameter of {@code model} with the one of the same name in a {@link #toHuggingFace} map. */
    public static void fromHuggingFace(SequenceClassifier model, Map<String, Safetensors.Tensor> tensors,
                                       String source) {
        for (Param p : model.params()) {
            Safetensors.Tensor t = tensors.get(p.name());
            if (t == null || !fits(p, t)) {
                throw new IllegalArgumentException(source + ": no tensor '" + p.name() + "' of shape "
                        + Arrays.toString(hfShape(p)));
            }
            p.set(engineLayout(p, t));
        }
    }

    /** A checkpoint tensor's values in the engine's layout for {@code p} (Linear weights transposed). */
    public static float[] engineLayout(Param p, Safetensors.Tensor t) {
        return p.linear() ? OnnxEncoderReader.transpose(t.values(), p.shape()[1], p.shape()[0]) : t.values();
    }

    static JsonNode readJson(Path file) throws IOException {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": not valid JSON: " + e.getMessage(), e);
        }
    }
}
