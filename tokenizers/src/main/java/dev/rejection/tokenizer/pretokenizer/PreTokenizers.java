package dev.rejection.tokenizer.pretokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rejection.tokenizer.JsonFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Builds a pre-tokenizer from its tokenizer.json object. */
public final class PreTokenizers {
    private PreTokenizers() {}

    public static PreTokenizer fromJson(JsonFields f) {
        String type = f.type();
        return switch (type) {
            case "ByteLevel" -> new ByteLevel(f.bool("add_prefix_space", true), f.bool("use_regex", true));
            case "BertPreTokenizer" -> new BertPreTokenizer();
            case "Whitespace" -> new Whitespace();
            case "WhitespaceSplit" -> new WhitespaceSplit();
            case "Punctuation" -> new Punctuation(SplitDelimiterBehavior.of(f.string("behavior", "Isolated")));
            case "Digits" -> new Digits(f.bool("individual_digits", false));
            case "CharDelimiterSplit" -> new CharDelimiterSplit(f.string("delimiter", null).codePointAt(0));
            case "Split" -> {
                JsonFields pattern = f.child("pattern");
                java.util.regex.Pattern p;
                if (pattern.has("String")) p = Split.literal(pattern.string("String", null));
                else if (pattern.has("Regex")) p = Split.regex(pattern.string("Regex", null));
                else throw pattern.error("needs 'String' or 'Regex'");
                yield new Split(p, SplitDelimiterBehavior.of(f.string("behavior", null)), f.bool("invert", false));
            }
            case "Metaspace" -> {
                String scheme = f.optionalString("prepend_scheme");
                Metaspace.PrependScheme s = scheme != null
                        ? Metaspace.PrependScheme.valueOf(scheme.toUpperCase(Locale.ROOT))
                        : f.bool("add_prefix_space", true) ? Metaspace.PrependScheme.ALWAYS
                        : Metaspace.PrependScheme.NEVER;
                yield new Metaspace(f.string("replacement", "\u2581").charAt(0), s, f.bool("split", true));
            }
            case "Sequence" -> {
                List<PreTokenizer> steps = new ArrayList<>();
                int i = 0;
                for (JsonNode n : f.get("pretokenizers")) steps.add(fromJson(f.of(n, ".pretokenizers[" + i++ + "]")));
                yield new Sequence(steps);
            }
            default -> throw f.unknownType("pre_tokenizer");
        };
    }
}
