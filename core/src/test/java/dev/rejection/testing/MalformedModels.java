package dev.rejection.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Test fixture: copies of the tiny BERT stand-in ({@link StandIns#bertTiny()}: 2 logits, a WordPiece
 * {@code tokenizer.json} of 30,522 tokens) with one file broken as a cut download or a careless edit leaves it.
 * Each case says which file and which words its error message must name.
 */
public enum MalformedModels {
    /** The first half of tokenizer.json, as an interrupted copy leaves it. */
    TRUNCATED_TOKENIZER("tokenizer.json", "not valid JSON"),
    EMPTY_TOKENIZER("tokenizer.json", "empty"),
    UNKNOWN_MODEL_TYPE("tokenizer.json", "unknown model type 'Unigramish'"),
    /** 2^31-1: the reverse table would need a negative size (max + 1 overflows). */
    VOCAB_ID_MAX_INT("tokenizer.json", "'[CLS]' has id 2147483647"),
    VOCAB_ID_NEGATIVE("tokenizer.json", "'[CLS]' has id -5"),
    /** 1.5e9 fits an int: a reverse table of that size is 6 GB. */
    VOCAB_ID_HUGE("tokenizer.json", "1.5E9"),
    /** id2label names three labels (and num_labels says 3), but the graph gives two logits. */
    THREE_LABELS_TWO_LOGITS("config.json", "id2label has 3 labels");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String file;
    private final String says;

    MalformedModels(String file, String says) {
        this.file = file;
        this.says = says;
    }

    /** The broken file, relative to the model directory. */
    public String file() {
        return file;
    }

    /** What its message must say besides the file's path. */
    public String says() {
        return says;
    }

    /** A copy of the stand-in under {@code target} with this case's file broken. */
    public Path write(Path target) throws IOException {
        StandIns.copy(StandIns.bertTiny(), target);
        Path tokenizer = target.resolve("tokenizer.json");
        switch (this) {
            case TRUNCATED_TOKENIZER -> {
                byte[] all = Files.readAllBytes(tokenizer);
                Files.write(tokenizer, java.util.Arrays.copyOf(all, all.length / 2));
            }
            case EMPTY_TOKENIZER -> Files.write(tokenizer, new byte[0]);
            case UNKNOWN_MODEL_TYPE -> editTokenizerModel(tokenizer, model -> model.put("type", "Unigramish"));
            case VOCAB_ID_MAX_INT -> editTokenizerModel(tokenizer,
                    model -> ((ObjectNode) model.get("vocab")).put("[CLS]", Integer.MAX_VALUE));
            case VOCAB_ID_NEGATIVE -> editTokenizerModel(tokenizer,
                    model -> ((ObjectNode) model.get("vocab")).put("[CLS]", -5));
            case VOCAB_ID_HUGE -> editTokenizerModel(tokenizer,
                    model -> ((ObjectNode) model.get("vocab")).put("[CLS]", 1.5e9));
            case THREE_LABELS_TWO_LOGITS -> {
                Path config = target.resolve("config.json");
                ObjectNode root = (ObjectNode) JSON.readTree(Files.readString(config));
                root.set("id2label", JSON.readTree("{\"0\": \"NORMAL\", \"1\": \"REJECTION\", \"2\": \"OTHER\"}"));
                root.set("label2id", JSON.readTree("{\"NORMAL\": 0, \"REJECTION\": 1, \"OTHER\": 2}"));
                root.put("num_labels", 3);
                Files.writeString(config, JSON.writeValueAsString(root));
            }
            default -> throw new IllegalStateException("unhandled case " + this);
        }
        return target;
    }

    private static void editTokenizerModel(Path tokenizer, java.util.function.Consumer<ObjectNode> edit)
            throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(Files.readString(tokenizer, StandardCharsets.UTF_8));
        edit.accept((ObjectNode) root.get("model"));
        Files.writeString(tokenizer, JSON.writeValueAsString(root), StandardCharsets.UTF_8);
    }

    /** Every case, for parameterised tests. */
    public static List<MalformedModels> all() {
        return List.of(values());
    }
}
