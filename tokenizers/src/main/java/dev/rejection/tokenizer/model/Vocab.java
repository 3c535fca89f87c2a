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

    /**
     * @throws IllegalArgumentException when an id is negative or not below the vocabulary's size (ids index the
     *                                  reverse table, so one huge id would allocate gigabytes)
     */
    public Vocab(Map<String, Integer> ids) {
        this.ids = Map.copyOf(ids);
        int max = -1;
        for (Map.Entry<String, Integer> e : ids.entrySet()) {
            if (e.getValue() < 0 || e.getValue() >= ids.size()) {
                throw new IllegalArgumentException(outOfRange(e.getKey(), e.getValue().longValue(), ids.size()));
            }
            max = Math.max(max, e.getValue());
        }
        tokens = new String[max + 1];
        for (Map.Entry<String, Integer> e : ids.entrySet()) tokens[e.getValue()] = e.getKey();
    }

    /** Reads a JSON object of token to id. */
    public static Vocab fromJson(JsonFields f, String field) {
        JsonNode node = field == null ? f.node() : f.get(field);
        String name = field == null ? "vocabulary" : field;
        if (!node.isObject()) throw f.error(name + " must be an object of token to id");
        Map<String, Integer> ids = new HashMap<>(node.size() * 2);
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode id = e.getValue();
            if (!id.isIntegralNumber()) throw f.error(name + "['" + e.getKey() + "'] is not an id: " + id);
            if (!id.canConvertToLong() || id.asLong() < 0 || id.asLong() >= node.size()) {
                throw f.error(name + ": " + outOfRange(e.getKey(), id.canConvertToLong() ? id.asLong() : -1,
                        node.size()));
            }
            ids.put(e.getKey(), id.asInt());
        }
        return new Vocab(ids);
    }

    private static String outOfRange(String token, long id, int size) {
        return "token '" + token + "' has id " + id + ", outside this " + size + "-token vocabulary (ids 0.."
                + (size - 1) + ")";
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
