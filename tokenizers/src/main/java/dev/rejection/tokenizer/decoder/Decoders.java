package dev.rejection.tokenizer.decoder;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rejection.tokenizer.JsonFields;
import dev.rejection.tokenizer.pretokenizer.Split;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Builds a decoder from its tokenizer.json object. */
public final class Decoders {
    private Decoders() {}

    public static Decoder fromJson(JsonFields f) {
        return switch (f.type()) {
            case "ByteLevel" -> new ByteLevel();
            case "WordPiece" -> new WordPiece(f.string("prefix", "##"), f.bool("cleanup", true));
            case "Metaspace" -> {
                String scheme = f.optionalString("prepend_scheme");
                boolean prepended = scheme != null ? !scheme.equals("never") : f.bool("add_prefix_space", true);
                yield new Metaspace(f.string("replacement", "\u2581").charAt(0), prepended);
            }
            case "BPEDecoder" -> new BPEDecoder(f.string("suffix", "</w>"));
            case "Replace" -> {
                JsonFields pattern = f.child("pattern");
                Pattern p;
                if (pattern.has("String")) p = Split.literal(pattern.string("String", null));
                else if (pattern.has("Regex")) p = Split.regex(pattern.string("Regex", null));
                else throw pattern.error("needs 'String' or 'Regex'");
                yield new Replace(p, f.string("content", null));
            }
            case "Strip" -> new Strip(f.string("content", " ").charAt(0), f.integer("start", 0), f.integer("stop", 0));
            case "Fuse" -> new Fuse();
            case "ByteFallback" -> new ByteFallback();
            case "Sequence" -> {
                List<Decoder> steps = new ArrayList<>();
                int i = 0;
                for (JsonNode n : f.get("decoders")) steps.add(fromJson(f.of(n, ".decoders[" + i++ + "]")));
                yield new Sequence(steps);
            }
            default -> throw f.unknownType("decoder");
        };
    }
}
