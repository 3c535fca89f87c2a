package dev.rejection.tokenizer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rejection.tokenizer.decoder.Decoders;
import dev.rejection.tokenizer.model.Models;
import dev.rejection.tokenizer.normalizer.Normalizer;
import dev.rejection.tokenizer.normalizer.Normalizers;
import dev.rejection.tokenizer.pretokenizer.PreTokenizers;
import dev.rejection.tokenizer.processor.PostProcessors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads a Hugging Face {@code tokenizer.json}: each section becomes its component, by its {@code type}. */
final class TokenizerJson {
    // field names are not interned: a vocabulary's tens of thousands of keys are each read once, and canonicalising
    // them (hashing into Jackson's symbol table, rehashing as it grows) was a fifth of a RoBERTa tokenizer's load
    private static final ObjectMapper MAPPER = new ObjectMapper(
            JsonFactory.builder().disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES).build());

    private TokenizerJson() {}

    static Tokenizer load(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tokenizer file " + file + ": " + e.getMessage(), e);
        }
    }

    static Tokenizer parse(String json, String source) {
        if (json.isBlank()) throw new TokenizerFormatException(source, "the file is empty");
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new TokenizerFormatException(source, "not valid JSON (truncated?): " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"), e);
        }
        if (root == null || !root.isObject()) throw new TokenizerFormatException(source, "not a JSON object");
        JsonFields top = new JsonFields(root, source, "tokenizer");
        Normalizer normalizer = top.has("normalizer") ? Normalizers.fromJson(top.child("normalizer")) : null;
        var preTokenizer = top.has("pre_tokenizer") ? PreTokenizers.fromJson(top.child("pre_tokenizer")) : null;
        var model = Models.fromJson(top.child("model"));
        var processor = top.has("post_processor") ? PostProcessors.fromJson(top.child("post_processor")) : null;
        var decoder = top.has("decoder") ? Decoders.fromJson(top.child("decoder")) : null;
        List<AddedToken> added = new ArrayList<>();
        if (top.has("added_tokens")) {
            // Hugging Face ignores the stored ids: a token the model knows gets the model's id, any other the
            // next id after the vocabulary and the added tokens so far, in file order.
            int vocabSize = model.vocab().size();
            int maxAdded = -1;
            int i = 0;
            for (JsonNode n : top.get("added_tokens")) {
                JsonFields t = top.of(n, ".added_tokens[" + i++ + "]");
                String content = t.string("content", null);
                int id = model.tokenToId(content);
                if (id < 0) {
                    for (AddedToken a : added) if (a.content().equals(content)) id = a.id();
                }
                if (id < 0) id = maxAdded >= vocabSize ? maxAdded + 1 : vocabSize;
                maxAdded = Math.max(maxAdded, id);
                added.add(new AddedToken(id, content, t.bool("special", false), t.bool("lstrip", false),
                        t.bool("rstrip", false), t.bool("normalized", true), t.bool("single_word", false)));
            }
        }
        Truncation truncation = top.has("truncation") ? truncation(top.child("truncation")) : null;
        Padding padding = top.has("padding") ? padding(top.child("padding")) : null;
        String padToken = padding != null ? padding.padToken() : guessPadToken(added);
        Tokenizer tokenizer = new Tokenizer(normalizer, preTokenizer, model, processor, decoder, added, null,
                padding, padToken);
        try {
            return truncation == null ? tokenizer : tokenizer.withTruncation(truncation);
        } catch (IllegalArgumentException e) {
            throw top.error("truncation: " + e.getMessage());
        }
    }

    /** Without a padding section, a special added token named like a pad token ({@code <pad>}, {@code [PAD]}). */
    static String guessPadToken(List<AddedToken> added) {
        for (AddedToken t : added) {
            String c = t.content().toLowerCase(Locale.ROOT);
            if (t.special() && (c.equals("<pad>") || c.equals("[pad]") || c.equals("<|pad|>") || c.equals("<|padding|>"))) {
                return t.content();
            }
        }
        return null;
    }

    private static Truncation truncation(JsonFields f) {
        Truncation.Strategy strategy = switch (f.string("strategy", "LongestFirst")) {
            case "LongestFirst" -> Truncation.Strategy.LONGEST_FIRST;
            case "OnlyFirst" -> Truncation.Strategy.ONLY_FIRST;
            case "OnlySecond" -> Truncation.Strategy.ONLY_SECOND;
            default -> throw f.error("unknown truncation strategy '" + f.string("strategy", null) + "'");
        };
        return new Truncation(f.integer("max_length", 512), f.integer("stride", 0), strategy,
                direction(f, "direction"));
    }

    private static Truncation.Direction direction(JsonFields f, String field) {
        return switch (f.string(field, "Right")) {
            case "Right" -> Truncation.Direction.RIGHT;
            case "Left" -> Truncation.Direction.LEFT;
            default -> throw f.error("unknown direction '" + f.string(field, null) + "'");
        };
    }

    private static Padding padding(JsonFields f) {
        JsonNode strategy = f.get("strategy");
        Padding p;
        if (strategy.isTextual() && strategy.asText().equals("BatchLongest")) {
            p = Padding.longest();
        } else if (strategy.isObject() && strategy.has("Fixed")) {
            p = Padding.fixed(strategy.get("Fixed").asInt());
        } else {
            throw f.error("unknown padding strategy " + strategy);
        }
        return p.withPadToMultipleOf(f.integer("pad_to_multiple_of", 0)).withDirection(direction(f, "direction"))
                .withPadToken(f.string("pad_token", "[PAD]"), f.integer("pad_id", 0), f.integer("pad_type_id", 0));
    }
}
