package dev.rejection.tokenizer.model;

import dev.rejection.tokenizer.JsonFields;
import dev.rejection.tokenizer.model.bpe.BPE;
import dev.rejection.tokenizer.model.wordlevel.WordLevel;
import dev.rejection.tokenizer.model.wordpiece.WordPiece;

/** Builds a model from its tokenizer.json object. */
public final class Models {
    private Models() {}

    public static Model fromJson(JsonFields f) {
        String type = f.has("type") ? f.type() : guessType(f);
        return switch (type) {
            case "BPE" -> BPE.fromJson(f);
            case "WordPiece" -> WordPiece.fromJson(f);
            case "WordLevel" -> WordLevel.fromJson(f);
            default -> throw f.error("unknown model type '" + type + "'");
        };
    }

    /** Old files omit the model type; tell the models apart by their fields, as Hugging Face does. */
    private static String guessType(JsonFields f) {
        if (f.has("merges")) return "BPE";
        if (f.has("max_input_chars_per_word") || f.has("continuing_subword_prefix")) return "WordPiece";
        if (f.has("vocab")) return "WordLevel";
        throw f.error("model has no 'type' and no vocabulary");
    }
}
