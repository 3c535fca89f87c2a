package dev.rejection.tokenizer.normalizer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rejection.tokenizer.JsonFields;
import dev.rejection.tokenizer.pretokenizer.Split;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Builds a normalizer from its tokenizer.json object. */
public final class Normalizers {
    private Normalizers() {}

    public static Normalizer fromJson(JsonFields f) {
        return switch (f.type()) {
            case "NFC" -> new NFC();
            case "NFD" -> new NFD();
            case "NFKC" -> new NFKC();
            case "NFKD" -> new NFKD();
            case "Lowercase" -> new Lowercase();
            case "StripAccents" -> new StripAccents();
            case "Strip" -> new Strip(f.bool("strip_left", true), f.bool("strip_right", true));
            case "Prepend" -> new Prepend(f.string("prepend", null));
            case "BertNormalizer" -> new BertNormalizer(f.bool("clean_text", true),
                    f.bool("handle_chinese_chars", true),
                    f.has("strip_accents") ? Boolean.valueOf(f.bool("strip_accents", false)) : null,
                    f.bool("lowercase", true));
            case "Replace" -> {
                JsonFields pattern = f.child("pattern");
                Pattern p;
                if (pattern.has("String")) p = Split.literal(pattern.string("String", null));
                else if (pattern.has("Regex")) p = Split.regex(pattern.string("Regex", null));
                else throw pattern.error("needs 'String' or 'Regex'");
                yield new Replace(p, f.string("content", null));
            }
            case "Sequence" -> {
                List<Normalizer> steps = new ArrayList<>();
                int i = 0;
                for (JsonNode n : f.get("normalizers")) steps.add(fromJson(f.of(n, ".normalizers[" + i++ + "]")));
                yield new Sequence(steps);
            }
            default -> throw f.unknownType("normalizer");
        };
    }
}
