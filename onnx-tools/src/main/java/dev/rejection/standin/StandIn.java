package dev.rejection.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rejection.onnx.graph.BertClassifierGraph;
import dev.rejection.onnx.graph.EncoderConfig;
import dev.rejection.onnx.graph.RobertaClassifierGraph;
import dev.rejection.onnx.graph.Weights;
import dev.rejection.onnx.proto.ModelProto;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A stand-in model: the architecture, configuration and vocabulary of a real classifier with seeded random
 * weights, written as a Hugging Face-layout directory ({@code config.json}, tokenizer files,
 * {@code onnx/model.onnx}) that our pipeline, transformers.js and Python transformers all load.
 *
 * <pre>{@code
 * Path dir = StandIn.of(StandIn.Size.TINY, Path.of("../shared/data")).write(Path.of("target/tiny"), 42);
 * }</pre>
 */
public final class StandIn {

    /** The stand-ins there are. */
    public enum Size {
        /** RoBERTa, 2 layers, hidden 32, 2 heads, the roberta-base vocabulary: for unit tests. */
        TINY("tiny"),
        /** Exactly ProtectAI/distilroberta-base-rejection-v1's config (6 layers, 768 hidden, 82M parameters). */
        DISTILROBERTA("distilroberta"),
        /** BERT, 2 layers, hidden 32, with a WordPiece vocabulary and token_type_ids: for the BERT path. */
        BERT_TINY("bert-tiny");

        private final String id;

        Size(String id) {
            this.id = id;
        }

        /** The name used on the command line. */
        public String id() {
            return id;
        }

        public static Size parse(String id) {
            for (Size s : values()) {
                if (s.id.equals(id.toLowerCase(Locale.ROOT))) {
                    return s;
                }
            }
            throw new IllegalArgumentException("unknown stand-in size '" + id + "' (tiny, distilroberta, bert-tiny)");
        }
    }

    static final String REAL_MODEL = "distilroberta-base-rejection-v1";
    static final String ROBERTA_TOKENIZER = "roberta-base";
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * The tiny models' weight scale. At the real 0.02 a 32-wide model maps every text to nearly the same logits
     * (attention stays uniform and the first token's state is its own embedding), so tests could not tell texts
     * apart; 10× larger gives each text its own score.
     */
    static final double TINY_INITIALIZER_RANGE = 0.2;

    private final Size size;
    private final EncoderConfig encoder;
    private final Map<String, Path> copies;        // file name in the model dir -> source file, copied as is
    private final Map<String, JsonNode> jsonFiles; // file name in the model dir -> JSON written

    private StandIn(Size size, JsonNode config, Map<String, Path> copies, Map<String, JsonNode> jsonFiles) {
        this.size = size;
        this.encoder = EncoderConfig.fromJson(config, size.id() + " config.json");
        this.copies = copies;
        this.jsonFiles = jsonFiles;
    }

    /**
     * The stand-in of {@code size}. {@code source} is, for the RoBERTa sizes, the shared data folder holding
     * {@code roberta-base/} and {@code distilroberta-base-rejection-v1/}; for {@code bert-tiny}, a WordPiece
     * {@code tokenizer.json}.
     */
    public static StandIn of(Size size, Path source) throws IOException {
        return switch (size) {
            case TINY, DISTILROBERTA -> roberta(size, source);
            case BERT_TINY -> bertTiny(source);
        };
    }

    public Size size() {
        return size;
    }

    public EncoderConfig config() {
        return encoder;
    }

    /** The ONNX model with weights drawn from {@code seed}. */
    public ModelProto model(long seed) {
        Weights weights = Weights.random(seed, encoder.initializerRange());
        return encoder.modelType().equals("bert") ? BertClassifierGraph.model(encoder, weights)
                : RobertaClassifierGraph.model(encoder, weights);
    }

    /** Writes the model directory (created if needed; files replaced) and returns it. */
    public Path write(Path dir, long seed) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, JsonNode> f : jsonFiles.entrySet()) {
            write(dir.resolve(f.getKey()), f.getValue());
        }
        for (Map.Entry<String, Path> f : copies.entrySet()) {
            // bytes, not Files.copy: the copy must not inherit the read-only mode of the shared files
            Files.write(dir.resolve(f.getKey()), Files.readAllBytes(f.getValue()));
        }
        model(seed).write(dir.resolve("onnx").resolve("model.onnx"));
        return dir;
    }

    private static StandIn roberta(Size size, Path sharedData) throws IOException {
        Path real = sharedData.resolve(REAL_MODEL);
        Path tokenizer = sharedData.resolve(ROBERTA_TOKENIZER);
        Path realConfig = real.resolve("onnx_config.json");
        ObjectNode config = (ObjectNode) readJson(realConfig);
        Map<String, Path> copies = new LinkedHashMap<>();
        Map<String, JsonNode> files = new LinkedHashMap<>();
        if (size == Size.DISTILROBERTA) {
            copies.put("config.json", realConfig); // verbatim: the stand-in differs from the real model in weights only
        } else {
            config.put("_name_or_path", "rejection-detector/standin-tiny");
            config.put("hidden_size", 32);
            config.put("num_hidden_layers", 2);
            config.put("num_attention_heads", 2);
            config.put("intermediate_size", 64);
            config.put("initializer_range", TINY_INITIALIZER_RANGE);
            files.put("config.json", config);
        }
        for (String f : new String[] {"tokenizer.json", "vocab.json", "merges.txt"}) {
            copies.put(f, existing(tokenizer.resolve(f)));
        }
        Path specialTokens = existing(real.resolve("special_tokens_map.json"));
        copies.put("special_tokens_map.json", specialTokens);
        ObjectNode tokenizerConfig = JSON.createObjectNode()
                .put("tokenizer_class", "RobertaTokenizer")
                .put("model_max_length", 512)
                .put("add_prefix_space", false)
                .put("trim_offsets", true)
                .put("errors", "replace");
        withSpecialTokens(tokenizerConfig, readJson(specialTokens));
        files.put("tokenizer_config.json", tokenizerConfig);
        return new StandIn(size, config, copies, files);
    }

    private static StandIn bertTiny(Path tokenizerJson) throws IOException {
        ObjectNode tokenizer = (ObjectNode) readJson(tokenizerJson);
        // an embedding model's tokenizer.json may pad and truncate to a fixed length; a classifier's does not
        tokenizer.putNull("truncation");
        tokenizer.putNull("padding");
        JsonNode normalizer = tokenizer.path("normalizer");
        boolean lowercase = normalizer.path("lowercase").asBoolean(false);

        ObjectNode config = JSON.createObjectNode();
        config.putArray("architectures").add("BertForSequenceClassification");
        config.put("_name_or_path", "rejection-detector/standin-bert-tiny");
        config.put("model_type", "bert");
        config.put("attention_probs_dropout_prob", 0.1);
        config.put("hidden_act", "gelu");
        config.put("hidden_dropout_prob", 0.1);
        config.put("hidden_size", 32);
        config.put("initializer_range", TINY_INITIALIZER_RANGE);
        config.put("intermediate_size", 64);
        config.put("layer_norm_eps", 1e-12);
        config.put("max_position_embeddings", 512);
        config.put("num_attention_heads", 2);
        config.put("num_hidden_layers", 2);
        config.put("pad_token_id", requiredId(tokenizer, "[PAD]", tokenizerJson));
        config.put("position_embedding_type", "absolute");
        config.put("problem_type", "single_label_classification");
        config.put("type_vocab_size", 2);
        config.put("vocab_size", vocabSize(tokenizer, tokenizerJson));
        config.putObject("id2label").put("0", "NORMAL").put("1", "REJECTION");
        config.putObject("label2id").put("NORMAL", 0).put("REJECTION", 1);

        ObjectNode tokenizerConfig = JSON.createObjectNode()
                .put("tokenizer_class", "BertTokenizer")
                .put("model_max_length", 512)
                .put("do_lower_case", lowercase);
        ObjectNode specialTokens = JSON.createObjectNode()
                .put("unk_token", "[UNK]").put("sep_token", "[SEP]").put("pad_token", "[PAD]")
                .put("cls_token", "[CLS]").put("mask_token", "[MASK]");
        withSpecialTokens(tokenizerConfig, specialTokens);
        Map<String, JsonNode> files = new LinkedHashMap<>();
        files.put("config.json", config);
        files.put("tokenizer.json", tokenizer);
        files.put("tokenizer_config.json", tokenizerConfig);
        files.put("special_tokens_map.json", specialTokens);
        return new StandIn(Size.BERT_TINY, config, Map.of(), files);
    }

    /**
     * Names the special tokens in {@code tokenizer_config.json} too, as transformers (4.34 and later) saves them:
     * transformers.js reads the pad token, among others, from there only, and needs each as a plain string.
     */
    private static void withSpecialTokens(ObjectNode tokenizerConfig, JsonNode specialTokensMap) {
        specialTokensMap.fields().forEachRemaining(e -> tokenizerConfig.put(e.getKey(),
                e.getValue().isObject() ? e.getValue().path("content").asText() : e.getValue().asText()));
    }

    /** One more than the largest id in the vocabulary and the added tokens. */
    private static int vocabSize(JsonNode tokenizer, Path source) {
        JsonNode vocab = tokenizer.path("model").path("vocab");
        if (!vocab.isObject() || vocab.isEmpty()) {
            throw new IllegalArgumentException(source + ": field 'model.vocab' must be a non-empty object");
        }
        int max = -1;
        for (Iterator<JsonNode> it = vocab.elements(); it.hasNext(); ) {
            max = Math.max(max, it.next().asInt());
        }
        for (JsonNode added : tokenizer.path("added_tokens")) {
            max = Math.max(max, added.path("id").asInt());
        }
        return max + 1;
    }

    private static int requiredId(JsonNode tokenizer, String token, Path source) {
        JsonNode id = tokenizer.path("model").path("vocab").get(token);
        if (id == null || !id.isInt()) {
            throw new IllegalArgumentException(source + ": token " + token + " is not in 'model.vocab'");
        }
        return id.asInt();
    }

    private static Path existing(Path file) throws NoSuchFileException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "stand-in source file not found");
        }
        return file;
    }

    private static JsonNode readJson(Path file) throws IOException {
        try {
            return JSON.readTree(existing(file).toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(file + ": invalid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static void write(Path file, JsonNode json) throws IOException {
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), json);
    }
}
