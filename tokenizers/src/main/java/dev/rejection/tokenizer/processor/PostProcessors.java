package dev.rejection.tokenizer.processor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rejection.tokenizer.JsonFields;
import java.util.ArrayList;
import java.util.List;

/** Builds a post-processor from its tokenizer.json object. */
public final class PostProcessors {
    private PostProcessors() {}

    public static PostProcessor fromJson(JsonFields f) {
        return switch (f.type()) {
            case "RobertaProcessing" -> {
                JsonNode cls = f.get("cls");
                JsonNode sep = f.get("sep");
                yield new RobertaProcessing(cls.get(0).asText(), cls.get(1).asInt(), sep.get(0).asText(),
                        sep.get(1).asInt(), f.bool("trim_offsets", true), f.bool("add_prefix_space", true));
            }
            case "BertProcessing" -> {
                JsonNode cls = f.get("cls");
                JsonNode sep = f.get("sep");
                yield new BertProcessing(cls.get(0).asText(), cls.get(1).asInt(), sep.get(0).asText(),
                        sep.get(1).asInt());
            }
            case "ByteLevel" -> new ByteLevel(f.bool("trim_offsets", true), f.bool("add_prefix_space", true));
            case "TemplateProcessing" -> template(f);
            case "Sequence" -> {
                List<PostProcessor> steps = new ArrayList<>();
                int i = 0;
                for (JsonNode n : f.get("processors")) steps.add(fromJson(f.of(n, ".processors[" + i++ + "]")));
                yield new Sequence(steps);
            }
            default -> throw f.unknownType("post_processor");
        };
    }

    private static TemplateProcessing template(JsonFields f) {
        JsonFields specials = f.child("special_tokens");
        try {
            List<TemplateProcessing.Piece> single = pieces(f, specials, "single");
            // an empty pair template (allowed by Hugging Face) means the tokenizer encodes single texts only
            List<TemplateProcessing.Piece> pair = f.has("pair") && !f.get("pair").isEmpty()
                    ? pieces(f, specials, "pair") : null;
            return new TemplateProcessing(single, pair);
        } catch (IllegalArgumentException e) {
            throw f.error(e.getMessage());
        }
    }

    private static List<TemplateProcessing.Piece> pieces(JsonFields f, JsonFields specials, String field) {
        List<TemplateProcessing.Piece> pieces = new ArrayList<>();
        for (JsonNode item : f.get(field)) {
            if (item.has("Sequence")) {
                JsonNode seq = item.get("Sequence");
                pieces.add(TemplateProcessing.Piece.sequence(seq.path("id").asText("A"), seq.path("type_id").asInt(0)));
            } else if (item.has("SpecialToken")) {
                JsonNode st = item.get("SpecialToken");
                String name = st.get("id").asText();
                JsonFields def = specials.child(name);
                JsonNode ids = def.get("ids");
                JsonNode tokens = def.get("tokens");
                if (ids.size() != tokens.size()) throw def.error("'ids' and 'tokens' differ in length");
                int[] idArray = new int[ids.size()];
                String[] tokenArray = new String[ids.size()];
                for (int i = 0; i < idArray.length; i++) {
                    idArray[i] = ids.get(i).asInt();
                    tokenArray[i] = tokens.get(i).asText();
                }
                pieces.add(new TemplateProcessing.Piece(idArray, tokenArray, st.path("type_id").asInt(0)));
            } else {
                throw f.error("template item of '" + field + "' must be 'Sequence' or 'SpecialToken', got " + item);
            }
        }
        return pieces;
    }
}
