package dev.rejection.server;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rejection.io.StrictJson;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a request body as JSON, strictly: at most the configured number of bytes (413 past it), valid UTF-8, one
 * well-formed JSON object (400 otherwise, saying where it broke).
 */
final class JsonBody {
    /** The request body is already in memory, within max_body_bytes, so a string in it needs no limit of its own. */
    static final ObjectMapper MAPPER = StrictJson.mapper(Integer.MAX_VALUE);

    private JsonBody() {
    }

    /** The body as a JSON object. */
    static JsonNode readObject(InputStream body, long declaredLength, int maxBytes) throws IOException {
        String text = utf8(readBytes(body, declaredLength, maxBytes));
        if (text.startsWith("\uFEFF")) { // a byte-order mark, as some Windows tools write: RFC 8259 lets it be ignored
            text = text.substring(1);
        }
        JsonNode node;
        try {
            node = StrictJson.readTree(MAPPER, text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw ApiException.badRequest("malformed JSON" + (at == null || at.getLineNr() < 1 ? ""
                    : " at line " + at.getLineNr() + ", column " + at.getColumnNr()) + ": "
                    + StrictJson.problem(e, "one per request"));
        }
        if (node == null || node.isMissingNode()) {
            throw ApiException.badRequest("the request body is empty; expected a JSON object");
        }
        if (!node.isObject()) {
            throw ApiException.badRequest("the request body must be a JSON object, got " + kind(node));
        }
        return node;
    }

    /** The body's bytes: 413 when the declared length (-1: none) or the bytes read pass {@code maxBytes}. */
    static byte[] readBytes(InputStream body, long declaredLength, int maxBytes) throws IOException {
        if (declaredLength > maxBytes) {
            throw tooLarge(maxBytes);
        }
        byte[] bytes = body.readNBytes(maxBytes + 1); // one byte more tells a body over the limit
        if (bytes.length > maxBytes) {
            throw tooLarge(maxBytes);
        }
        return bytes;
    }

    private static ApiException tooLarge(int maxBytes) {
        return new ApiException(413, "max_body_bytes", "the request body is larger than " + maxBytes
                + " bytes (max_body_bytes, --max-body-bytes)");
    }

    /** Strict UTF-8: a malformed byte is an error naming its offset, never a replacement character. */
    private static String utf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw ApiException.badRequest("the request body is not valid UTF-8: bad byte at offset "
                    + in.position());
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    /** A required string field. */
    static String string(JsonNode object, String field) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            throw ApiException.badRequest("missing field '" + field + "' (a string)");
        }
        if (!node.isTextual()) {
            throw ApiException.badRequest("field '" + field + "' must be a string, got " + kind(node));
        }
        return node.textValue();
    }

    /** An optional string field; null when absent or null. */
    static String optionalString(JsonNode object, String field) {
        JsonNode node = object.get(field);
        return node == null || node.isNull() ? null : string(object, field);
    }

    /** An optional array of strings and nulls; null when the field is absent or null. */
    static List<String> stringsOrNulls(JsonNode object, String field) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            throw ApiException.badRequest("field '" + field + "' must be an array of strings (or nulls), got "
                    + kind(node));
        }
        List<String> values = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (!item.isTextual() && !item.isNull()) {
                throw ApiException.badRequest("field '" + field + "' must be an array of strings (or nulls); item "
                        + i + " is " + kind(item));
            }
            values.add(item.isNull() ? null : item.textValue());
        }
        return values;
    }

    /** An optional boolean field; false when absent or null. */
    static boolean flag(JsonNode object, String field) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw ApiException.badRequest("field '" + field + "' must be true or false, got " + kind(node));
        }
        return node.booleanValue();
    }

    /** An array of strings; null when the field is absent. */
    static List<String> strings(JsonNode object, String field) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            throw ApiException.badRequest("field '" + field + "' must be an array of strings, got " + kind(node));
        }
        List<String> values = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (!item.isTextual()) {
                throw ApiException.badRequest("field '" + field + "' must be an array of strings; item " + i
                        + " is " + kind(item));
            }
            values.add(item.textValue());
        }
        return values;
    }

    static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
