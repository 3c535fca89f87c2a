package dev.rejection.finetune.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rejection.finetune.Architecture;
import dev.rejection.finetune.Param;
import dev.rejection.finetune.SequenceClassifier;
import dev.rejection.onnx.graph.BertClassifierGraph;
import dev.rejection.onnx.graph.EncoderConfig;
import dev.rejection.onnx.graph.RobertaClassifierGraph;
import dev.rejection.onnx.graph.Weights;
import dev.rejection.onnx.proto.ModelProto;
import dev.rejection.onnx.proto.TensorProto;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Weights out: a Hugging Face-layout model directory that our pipeline, transformers.js and Python transformers
 * all load — {@code config.json} with {@code id2label}/{@code label2id}, the base's tokenizer files,
 * {@code model.safetensors}, and {@code onnx/model.onnx} built by the project's graph builders with the Optimum
 * export's inputs and output ({@code input_ids}, {@code attention_mask} [, {@code token_type_ids}] →
 * {@code logits}).
 */
public final class ModelWriter {

    /** Tokenizer files copied from the base when present. */
    public static final List<String> TOKENIZER_FILES = List.of("tokenizer.json", "tokenizer_config.json",
            "special_tokens_map.json", "vocab.json", "merges.txt", "vocab.txt", "added_tokens.json");

    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelWriter() {
    }

    /**
     * Writes {@code model} to {@code out} (created; files replaced). {@code baseConfig} (may be null) supplies the
     * fields this engine does not model; {@code tokenizerSource} is a directory with tokenizer files or a
     * {@code tokenizer.json} file; {@code labels} are the class names in index order.
     *
     * <p>{@code config.json}, which every loader reads first, is removed at the start and written last, in one
     * move: a run killed part-way leaves a folder that does not load, never another model's config beside new
     * weights, nor a config without its weights.
     */
    public static void write(SequenceClassifier model, JsonNode baseConfig, Path tokenizerSource, List<String> labels,
                             Path out) throws IOException {
        Architecture arch = model.architecture();
        if (labels.size() != arch.encoder().numLabels()) {
            throw new IllegalArgumentException(labels.size() + " labels for a model with "
                    + arch.encoder().numLabels() + " outputs");
        }
        Files.createDirectories(out.resolve("onnx"));
        Path config = out.resolve("config.json");
        Files.deleteIfExists(config);
        copyTokenizer(tokenizerSource, out);
        if (!Files.isRegularFile(out.resolve("tokenizer_config.json"))) {
            Files.write(out.resolve("tokenizer_config.json"),
                    JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(
                            tokenizerConfig(arch, JSON.readTree(out.resolve("tokenizer.json").toFile()))));
        }
        Safetensors.write(out.resolve("model.safetensors"), Checkpoints.toHuggingFace(model));
        onnx(model).write(out.resolve("onnx").resolve("model.onnx"));
        Path partial = out.resolve("config.json.partial");
        Files.write(partial, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(config(arch, baseConfig, labels)));
        Files.move(partial, config, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The model as an ONNX graph (weights copied). */
    public static ModelProto onnx(SequenceClassifier model) {
        Map<String, TensorProto> byName = new HashMap<>();
        for (Param p : model.params()) {
            long[] dims = java.util.Arrays.stream(p.shape()).asLongStream().toArray();
            byName.put(p.name(), TensorProto.ofFloats(p.name(), p.values(), dims));
        }
        EncoderConfig e = model.architecture().encoder();
        return model.architecture().roberta() ? RobertaClassifierGraph.model(e, Weights.of(byName))
                : BertClassifierGraph.model(e, Weights.of(byName));
    }

    /**
     * {@code tokenizer_config.json} for a base that came without one (e.g. an encoder exported to ONNX with only
     * its {@code tokenizer.json}): transformers.js refuses a folder without it, and both transformers take the
     * tokenizer class, the longest input and the special tokens (the pad token above all) from it. The special
     * tokens are those of the architecture's convention that {@code tokenizer.json} declares as added tokens.
     */
    static ObjectNode tokenizerConfig(Architecture arch, JsonNode tokenizerJson) {
        EncoderConfig e = arch.encoder();
        ObjectNode c = JSON.createObjectNode();
        c.put("tokenizer_class", arch.roberta() ? "RobertaTokenizer" : "BertTokenizer");
        // RoBERTa's positions start after the padding id
        c.put("model_max_length", e.maxPositionEmbeddings() - (arch.roberta() ? e.padTokenId() + 1 : 0));
        java.util.Set<String> added = new java.util.HashSet<>();
        tokenizerJson.path("added_tokens").forEach(t -> added.add(t.path("content").asText()));
        Map<String, String> conventional = arch.roberta()
                ? Map.of("bos_token", "<s>", "cls_token", "<s>", "eos_token", "</s>", "sep_token", "</s>",
                        "pad_token", "<pad>", "unk_token", "<unk>", "mask_token", "<mask>")
                : Map.of("cls_token", "[CLS]", "sep_token", "[SEP]", "pad_token", "[PAD]", "unk_token", "[UNK]",
                        "mask_token", "[MASK]");
        new java.util.TreeMap<>(conventional).forEach((name, token) -> {
            if (added.contains(token)) {
                c.put(name, token);
            }
        });
        return c;
    }

    /** {@code config.json}: the base's fields, then the shape, the architecture and the labels of this model. */
    static ObjectNode config(Architecture arch, JsonNode base, List<String> labels) {
        ObjectNode c = base instanceof ObjectNode o ? o.deepCopy() : JSON.createObjectNode();
        EncoderConfig e = arch.encoder();
        boolean roberta = arch.roberta();
        c.putArray("architectures").add(roberta ? "RobertaForSequenceClassification" : "BertForSequenceClassification");
        c.put("model_type", e.modelType());
        c.put("vocab_size", e.vocabSize());
        c.put("hidden_size", e.hiddenSize());
        c.put("num_hidden_layers", e.numHiddenLayers());
        c.put("num_attention_heads", e.numAttentionHeads());
        c.put("intermediate_size", e.intermediateSize());
        c.put("hidden_act", "gelu");
        c.put("max_position_embeddings", e.maxPositionEmbeddings());
        c.put("type_vocab_size", e.typeVocabSize());
        c.put("pad_token_id", e.padTokenId());
        c.put("layer_norm_eps", e.layerNormEps());
        c.put("initializer_range", e.initializerRange());
        c.put("hidden_dropout_prob", arch.hiddenDropout());
        c.put("attention_probs_dropout_prob", arch.attentionDropout());
        c.put("position_embedding_type", "absolute");
        c.put("problem_type", "single_label_classification");
        c.put("torch_dtype", "float32");
        ObjectNode id2label = c.putObject("id2label");
        ObjectNode label2id = c.putObject("label2id");
        for (int i = 0; i < labels.size(); i++) {
            id2label.put(Integer.toString(i), labels.get(i));
            label2id.put(labels.get(i), i);
        }
        c.remove("num_labels");
        return c;
    }

    private static void copyTokenizer(Path source, Path out) throws IOException {
        if (source == null) {
            throw new IOException("no tokenizer files to copy into " + out + " (give the base's tokenizer)");
        }
        if (Files.isRegularFile(source)) {
            Files.write(out.resolve("tokenizer.json"), Files.readAllBytes(source));
            return;
        }
        boolean any = false;
        for (String f : TOKENIZER_FILES) {
            Path p = source.resolve(f);
            if (Files.isRegularFile(p)) {
                // bytes, not Files.copy: a copy must not inherit a read-only mode
                Files.write(out.resolve(f), Files.readAllBytes(p));
                any = true;
            }
        }
        if (!any) {
            throw new IOException(source + ": no tokenizer files (" + TOKENIZER_FILES + ") to copy");
        }
    }
}
