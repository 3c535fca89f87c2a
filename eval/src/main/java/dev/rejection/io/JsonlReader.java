package dev.rejection.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads JSON Lines one line at a time, so memory holds one record, not the file.
 *
 * <p>Every line yields a record: a line that is not a JSON object (blank lines included — they would otherwise
 * shift the output out of step with the input) or lacks a string text field becomes an error record. Empty lines that
 * end the input are not lines of it ({@link LineRecords}).
 */
final class JsonlReader extends LineRecords {
    // the line is already in memory, and within TextRecords.MAX_RECORD_CHARS
    private static final ObjectMapper JSON = StrictJson.mapper(TextRecords.MAX_RECORD_CHARS);

    private final String textField;

    JsonlReader(LineReader in, String source, String textField) {
        super(in, source);
        this.textField = textField;
    }

    @Override
    TextRecord record(long number, String line) {
        String where = source + ":" + number + ": ";
        if (line.isBlank()) {
            return TextRecord.failed(number, null, where + "blank line, expected a JSON object");
        }
        JsonNode node;
        try {
            node = StrictJson.readTree(JSON, line);
        } catch (JsonProcessingException e) {
            int column = e.getLocation() == null ? -1 : e.getLocation().getColumnNr();
            return TextRecord.failed(number, null, where + "malformed JSON"
                    + (column > 0 ? " at column " + column : "") + ": " + StrictJson.problem(e, "one object per line"));
        }
        if (!node.isObject()) {
            return TextRecord.failed(number, null,
                    where + "expected a JSON object, got " + node.getNodeType().name().toLowerCase());
        }
        JsonNode idNode = node.get("id");
        String id = idNode == null || idNode.isNull() ? null : idNode.isValueNode() ? idNode.asText() : idNode.toString();
        JsonNode text = node.get(textField);
        if (text == null) {
            return TextRecord.failed(number, id, where + "missing field \"" + textField + "\"");
        }
        if (!text.isTextual()) {
            return TextRecord.failed(number, id, where + "field \"" + textField + "\" is "
                    + text.getNodeType().name().toLowerCase() + ", expected a string");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        node.fields().forEachRemaining(f -> {
            if (!f.getKey().equals(textField)) {
                fields.put(f.getKey(), JSON.convertValue(f.getValue(), Object.class));
            }
        });
        return new TextRecord(number, id, text.textValue(), fields, null);
    }
}
