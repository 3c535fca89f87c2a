package dev.rejection.tokenizer.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rejection.tokenizer.JsonFields;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/** A token-to-id vocabulary with its reverse, as the models share it. */
public final class Vocab {
    private final Map<String, Integer> ids;
    private final String[] tokens;

    public Vocab(Map<String, Integer> ids) {
        this.ids = Map.copyOf(ids);
        int max = -1;
        for (int id : ids.values()) max = Math.max(max, id);
        tokens = new String[max + 1];
        for (Map.Entry<String, Integer> e : ids.entrySet()) tokens[e.getValue()] = e.getKey();
    }

    /** Reads a JSON object of token to id. */
    public static Vocab fromJson(JsonFields f, String field) {
        JsonNode node = field == null ? f.node() : f.get(field);
        if (!node.isObject()) throw f.error("field '" + field + "' must be an object of token to id");
        Map<String, Integer> ids = new HashMap<>(node.size() * 2);
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().canConvertToInt()) throw f.error(field + "['" + e.getKey() + "'] is not an id");
            ids.put(e.getKey(), e.getValue().asInt());
        }
        return new Vocab(ids);
    }

    public int id(String token) {
        Integer id = ids.get(token);
        return id == null ? -1 : id;
    }

    public String token(int id) {
        return id >= 0 && id < tokens.length ? tokens[id] : null;
    }

    public Map<String, Integer> asMap() { return ids; }
}
