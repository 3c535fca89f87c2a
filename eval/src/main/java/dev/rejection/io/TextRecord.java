package dev.rejection.io;

import java.util.Map;

/**
 * One input record: the text to judge, where it came from, and the other fields it carried.
 *
 * <p>Readers give one record per input line (per CSV row), in input order, and never drop one: when a line cannot
 * be read — malformed JSON, a missing or non-string text field, a CSV row of the wrong width — the record carries
 * an {@code error} naming the source, line and field, and its {@code text} is null.
 *
 * @param line   1-based line where the record starts in its source (for texts given directly: their position)
 * @param id     the record's {@code id} field as text, or null when it has none
 * @param text   the text to judge; null exactly when {@code error} is set
 * @param fields the record's fields other than the text field (e.g. {@code id}, {@code label}, {@code source}),
 *               as JSON values: String, Number, Boolean, List, Map or null; CSV values are all strings
 * @param error  why the line could not be read, or null
 */
public record TextRecord(long line, String id, String text, Map<String, Object> fields, String error) {

    public TextRecord {
        if ((text == null) == (error == null)) {
            throw new IllegalArgumentException("a record has either a text or an error, not both or neither (line "
                    + line + ")");
        }
        fields = fields == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
    }

    /** A record of a text given directly (e.g. on the command line), numbered by its position. */
    public static TextRecord of(long position, String text) {
        return new TextRecord(position, null, text, Map.of(), null);
    }

    /** A record for a line that could not be read. */
    public static TextRecord failed(long line, String id, String error) {
        return new TextRecord(line, id, null, Map.of(), error);
    }

    /**
     * The value of a field that must hold text, such as a prompt: null when the field is not named, absent or JSON
     * null.
     *
     * @throws IllegalArgumentException naming the field and what it holds (an object, an array, or an excerpt of a
     *                                  number or boolean) when it holds anything other than a string
     */
    public String stringField(String field) {
        Object value = field == null ? null : fields.get(field);
        if (value != null && !(value instanceof String)) {
            throw new IllegalArgumentException("field \"" + field + "\" must be a string, got " + describe(value));
        }
        return (String) value;
    }

    /** A non-string JSON value as an error names it: its kind, or for a number or boolean an excerpt of it. */
    private static String describe(Object value) {
        return value instanceof Map ? "an object" : value instanceof java.util.List ? "an array"
                : Excerpt.of(String.valueOf(value));
    }

    /** True when the line could not be read ({@link #error()} says why). */
    public boolean failed() {
        return error != null;
    }
}
