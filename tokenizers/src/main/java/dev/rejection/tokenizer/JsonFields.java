package dev.rejection.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads the fields of one tokenizer.json component, failing with the file and field named. */
public record JsonFields(JsonNode node, String source, String component) {

    public String type() {
        return string("type", null);
    }

    public boolean has(String field) {
        JsonNode v = node.get(field);
        return v != null && !v.isNull();
    }

    public JsonNode get(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) throw error("missing field '" + field + "'");
        return v;
    }

    public String string(String field, String fallback) {
        if (!has(field)) {
            if (fallback == null) throw error("missing field '" + field + "'");
            return fallback;
        }
        JsonNode v = node.get(field);
        if (!v.isTextual()) throw error("field '" + field + "' must be a string, got " + v);
        return v.asText();
    }

    /** A string field that may be absent or null. */
    public String optionalString(String field) {
        return has(field) ? string(field, null) : null;
    }

    public boolean bool(String field, boolean fallback) {
        if (!has(field)) return fallback;
        JsonNode v = node.get(field);
        if (!v.isBoolean()) throw error("field '" + field + "' must be true or false, got " + v);
        return v.asBoolean();
    }

    public int integer(String field, int fallback) {
        if (!has(field)) return fallback;
        JsonNode v = node.get(field);
        if (!v.canConvertToInt()) throw error("field '" + field + "' must be an integer, got " + v);
        return v.asInt();
    }

    public JsonFields child(String field) {
        return new JsonFields(get(field), source, component + "." + field);
    }

    public JsonFields of(JsonNode n, String name) {
        return new JsonFields(n, source, component + name);
    }

    public TokenizerFormatException error(String message) {
        return new TokenizerFormatException(source, component + ": " + message);
    }

    /** The error for a {@code type} this engine does not know. */
    public TokenizerFormatException unknownType(String kind) {
        return error("unknown " + kind + " type '" + type() + "'");
    }
}
