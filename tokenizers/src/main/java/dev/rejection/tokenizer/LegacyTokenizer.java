package dev.rejection.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rejection.tokenizer.model.Vocab;
import dev.rejection.tokenizer.model.bpe.BPE;
import dev.rejection.tokenizer.model.wordpiece.WordPiece;
import dev.rejection.tokenizer.normalizer.BertNormalizer;
import dev.rejection.tokenizer.pretokenizer.BertPreTokenizer;
import dev.rejection.tokenizer.pretokenizer.ByteLevel;
import dev.rejection.tokenizer.processor.BertProcessing;
import dev.rejection.tokenizer.processor.PostProcessor;
import dev.rejection.tokenizer.processor.RobertaProcessing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The tokenizer of a model directory without {@code tokenizer.json}, assembled as transformers' slow-to-fast
 * converters do: {@code vocab.json} + {@code merges.txt} → byte-level BPE (RoBERTa processing when the vocabulary
 * has {@code <s>}/{@code </s>}); {@code vocab.txt} → BERT WordPiece. Settings come from
 * {@code tokenizer_config.json} ({@code add_prefix_space}, {@code do_lower_case}, special tokens) and
 * {@code special_tokens_map.json}.
 */
final class LegacyTokenizer {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private LegacyTokenizer() {}

    static Tokenizer load(Path dir) {
        JsonNode config = readJson(dir.resolve("tokenizer_config.json"));
        JsonNode specialMap = readJson(dir.resolve("special_tokens_map.json"));
        Path vocabJson = dir.resolve("vocab.json");
        Path merges = dir.resolve("merges.txt");
        Path vocabTxt = dir.resolve("vocab.txt");
        if (Files.isRegularFile(vocabJson) && Files.isRegularFile(merges)) {
            return byteLevelBpe(vocabJson, merges, config, specialMap);
        }
        if (Files.isRegularFile(vocabTxt)) return wordPiece(vocabTxt, config, specialMap);
        throw new TokenizerFormatException(dir.toString(),
                "no tokenizer.json, no vocab.json + merges.txt and no vocab.txt in this directory");
    }

    private static Tokenizer byteLevelBpe(Path vocabFile, Path mergesFile, JsonNode config, JsonNode specialMap) {
        Vocab vocab;
        try {
            vocab = Vocab.fromJson(new JsonFields(MAPPER.readTree(vocabFile.toFile()), vocabFile.toString(), "vocab"),
                    null);
        } catch (IOException e) {
            throw new TokenizerFormatException(vocabFile.toString(), "cannot read: " + e.getMessage(), e);
        }
        List<String[]> merges = new ArrayList<>();
        List<String> lines = readLines(mergesFile);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isEmpty() || (i == 0 && line.startsWith("#version"))) continue;
            String[] pair = line.split(" ", -1);
            if (pair.length != 2) {
                throw new TokenizerFormatException(mergesFile.toString(), "line " + (i + 1)
                        + ": expected two tokens separated by one space, got '" + line + "'");
            }
            merges.add(pair);
        }
        BPE model;
        try {
            model = new BPE(vocab, merges, null, null, null, false, false, false);
        } catch (IllegalArgumentException e) {
            throw new TokenizerFormatException(mergesFile.toString(), e.getMessage());
        }
        boolean addPrefixSpace = config.path("add_prefix_space").asBoolean(false);
        Special bos = special(config, specialMap, "bos_token", plain("<s>", true));
        Special eos = special(config, specialMap, "eos_token", plain("</s>", true));
        Special cls = special(config, specialMap, "cls_token", bos);
        Special sep = special(config, specialMap, "sep_token", eos);
        Special unk = special(config, specialMap, "unk_token", plain("<unk>", true));
        Special pad = special(config, specialMap, "pad_token", plain("<pad>", true));
        // RoBERTa's mask token swallows the space before it
        Special mask = special(config, specialMap, "mask_token", new Special("<mask>", true, false, true, false));
        List<AddedToken> added = new ArrayList<>();
        Map<String, Boolean> seen = new HashMap<>();
        for (Special t : new Special[] {bos, pad, eos, unk, sep, cls, mask}) {
            int id = vocab.id(t.content());
            if (id < 0 || seen.put(t.content(), true) != null) continue;
            added.add(t.added(id));
        }
        PostProcessor processor = vocab.id(cls.content()) >= 0 && vocab.id(sep.content()) >= 0
                ? new RobertaProcessing(cls.content(), vocab.id(cls.content()), sep.content(),
                        vocab.id(sep.content()), true, addPrefixSpace)
                : new dev.rejection.tokenizer.processor.ByteLevel(false, addPrefixSpace);
        return new Tokenizer(null, new ByteLevel(addPrefixSpace, true), model, processor,
                new dev.rejection.tokenizer.decoder.ByteLevel(), added, null, null,
                vocab.id(pad.content()) >= 0 ? pad.content() : null);
    }

    private static Tokenizer wordPiece(Path vocabFile, JsonNode config, JsonNode specialMap) {
        Map<String, Integer> ids = new HashMap<>();
        List<String> lines = readLines(vocabFile);
        for (int i = 0; i < lines.size(); i++) {
            String token = lines.get(i);
            if (i == lines.size() - 1 && token.isEmpty()) continue;
            ids.putIfAbsent(token, i);
        }
        Vocab vocab = new Vocab(ids);
        Special unk = special(config, specialMap, "unk_token", plain("[UNK]", false));
        Special cls = special(config, specialMap, "cls_token", plain("[CLS]", false));
        Special sep = special(config, specialMap, "sep_token", plain("[SEP]", false));
        Special pad = special(config, specialMap, "pad_token", plain("[PAD]", false));
        Special mask = special(config, specialMap, "mask_token", plain("[MASK]", false));
        for (Special t : new Special[] {unk, cls, sep}) {
            if (vocab.id(t.content()) < 0) {
                throw new TokenizerFormatException(vocabFile.toString(), "special token '" + t.content()
                        + "' is not in it");
            }
        }
        List<AddedToken> added = new ArrayList<>();
        for (Special t : new Special[] {pad, unk, cls, sep, mask}) {
            if (vocab.id(t.content()) >= 0) added.add(t.added(vocab.id(t.content())));
        }
        boolean lowercase = config.path("do_lower_case").asBoolean(true);
        JsonNode strip = config.get("strip_accents");
        Boolean stripAccents = strip == null || strip.isNull() ? null : strip.asBoolean();
        var normalizer = new BertNormalizer(true, config.path("tokenize_chinese_chars").asBoolean(true),
                stripAccents, lowercase);
        return new Tokenizer(normalizer, new BertPreTokenizer(), new WordPiece(vocab, unk.content(), "##", 100),
                new BertProcessing(cls.content(), vocab.id(cls.content()), sep.content(), vocab.id(sep.content())),
                new dev.rejection.tokenizer.decoder.WordPiece("##", true), added, null, null,
                vocab.id(pad.content()) >= 0 ? pad.content() : null);
    }

    /** A special token's content and matching options, as the config files give them. */
    private record Special(String content, boolean lstrip, boolean rstrip, boolean normalized, boolean singleWord) {
        AddedToken added(int id) {
            return new AddedToken(id, content, true, lstrip, rstrip, normalized, singleWord);
        }
    }

    /**
     * A special token from tokenizer_config.json or special_tokens_map.json: a string, or an object with
     * {@code content} and its own lstrip/rstrip/normalized/single_word; else {@code fallback}.
     */
    private static Special special(JsonNode config, JsonNode specialMap, String name, Special fallback) {
        for (JsonNode source : new JsonNode[] {config, specialMap}) {
            JsonNode v = source.get(name);
            if (v == null || v.isNull()) continue;
            if (v.isTextual()) {
                return new Special(v.asText(), fallback.lstrip(), fallback.rstrip(), fallback.normalized(),
                        fallback.singleWord());
            }
            if (v.has("content")) {
                return new Special(v.get("content").asText(), v.path("lstrip").asBoolean(fallback.lstrip()),
                        v.path("rstrip").asBoolean(fallback.rstrip()),
                        v.path("normalized").asBoolean(fallback.normalized()),
                        v.path("single_word").asBoolean(fallback.singleWord()));
            }
        }
        return fallback;
    }

    private static Special plain(String content, boolean normalized) {
        return new Special(content, false, false, normalized, false);
    }

    private static JsonNode readJson(Path file) {
        if (!Files.isRegularFile(file)) return MAPPER.createObjectNode();
        try {
            JsonNode n = MAPPER.readTree(file.toFile());
            if (n == null || !n.isObject()) throw new TokenizerFormatException(file.toString(), "not a JSON object");
            return n;
        } catch (IOException e) {
            throw new TokenizerFormatException(file.toString(), "cannot read: " + e.getMessage(), e);
        }
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
