package dev.rejection.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads JSON Lines one line at a time, so memory holds one record, not the file.
 *
 * <p>Every line yields a record: a line that is not a JSON object (blank lines included — they would otherwise
 * shift the output out of step with the input) or lacks a string text field becomes an error record.
 */
final class JsonlReader extends LineRecords {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION) // two "text" keys: which one is meant?
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS) // `{"text":"a"} x` is not one object
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS.mappedFeature())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS) // a label of 1e-400 is not 0
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES) // and 2020.0 stays 2020.0, not 2.02E+3
            .build();

    static {
        // the line is already in memory, and within TextRecords.MAX_RECORD_CHARS
        JSON.getFactory().setStreamReadConstraints(
                StreamReadConstraints.builder().maxStringLength(TextRecords.MAX_RECORD_CHARS).build());
    }

    private final String textField;

    JsonlReader(LineReader in, String source, String textField) {
        super(in, source);
        this.textField = textField;
    }

    /**
     * Jackson's message without what speaks to a Java programmer: the setting behind a limit ({@code (1000, from
     * `StreamReadConstraints.getMaxNumberLength`)}), advice to enable one of its features ({@code enable
     * `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow}) and a source location ({@code [Source: REDACTED ...]}).
     */
    static String withoutJacksonAdvice(String message) {
        return message.replaceAll("\\s*\\(as per `[^`]*`\\)", "")
                .replaceAll(", from `[^`]*`\\)", ")")
                .replaceAll("[:;,]?\\s*(?:to allow,? )?(?:enable|set) `[^`]*`[^.;)]*", "")
                .replaceAll("\\s*\\[Source: .*", "")
                .replaceAll("\\s*\\(\\s*\\)", "")
                .strip();
    }

    @Override
    TextRecord record(long number, String line) {
        String where = source + ":" + number + ": ";
        if (line.isBlank()) {
            return TextRecord.failed(number, null, where + "blank line, expected a JSON object");
        }
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            int column = e.getLocation() == null ? -1 : e.getLocation().getColumnNr();
            String why = e.getOriginalMessage().startsWith("Trailing token")
                    ? "more after the JSON object (one object per line)" : withoutJacksonAdvice(e.getOriginalMessage());
            return TextRecord.failed(number, null, where + "malformed JSON"
                    + (column > 0 ? " at column " + column : "") + ": " + why);
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
