package dev.rejection.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rejection.io.TextRecord;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The labelled examples of an input file, and the rows that could not be used — every input row ends up in exactly
 * one of the two lists, so nothing is dropped silently.
 *
 * @param examples rows with a text and a valid label, in input order
 * @param errors   rows with a bad or missing text or label, in input order, each naming its line and field
 */
public record EvalSet(List<Example> examples, List<BadRow> errors) {
    /** The field read as a record's source for the per-source breakdown. */
    public static final String SOURCE_FIELD = "source";
    private static final ObjectMapper JSON = new ObjectMapper();

    public EvalSet {
        examples = List.copyOf(examples);
        errors = List.copyOf(errors);
    }

    /**
     * Sorts records into examples and bad rows.
     *
     * @param source     names the input in error messages (e.g. the file name)
     * @param labelField the field holding the gold label (see {@link Labels#parse} for what is accepted)
     */
    public static EvalSet from(Stream<TextRecord> records, String source, String labelField) {
        return from(records, source, labelField, null);
    }

    /**
     * As {@link #from(Stream, String, String)}, each example carrying the value of {@code groupField} as its
     * {@link Example#group()} (text as written, other values as JSON writes them; {@code null} when the record
     * lacks the field or has null there). Where a text and another kind of value would read alike, such as
     * {@code "1"} and {@code 1}, the text is named with its quotes: they are two groups.
     *
     * @param groupField the field to group by, or {@code null} for no grouping
     */
    public static EvalSet from(Stream<TextRecord> records, String source, String labelField, String groupField) {
        return from(records, source, labelField, groupField, null);
    }

    /**
     * As {@link #from(Stream, String, String, String)}, each example carrying the text of {@code promptField} as
     * its {@link Example#prompt()} (absent or null: none; any other kind of value makes the row bad).
     *
     * @param promptField the field holding the prompt, or {@code null} to read answers alone
     */
    public static EvalSet from(Stream<TextRecord> records, String source, String labelField, String groupField,
                               String promptField) {
        record Row(long line, String text, int label, Object source, Object group, String prompt) {
        }
        List<Row> rows = new ArrayList<>();
        List<BadRow> errors = new ArrayList<>();
        records.forEachOrdered(record -> {
            if (record.failed()) {
                errors.add(new BadRow(record.line(), record.error()));
                return;
            }
            String prompt;
            try {
                prompt = record.stringField(promptField);
            } catch (IllegalArgumentException e) {
                errors.add(new BadRow(record.line(), source + ":" + record.line() + ": " + e.getMessage()));
                return;
            }
            try {
                int label = Labels.parse(record.fields().get(labelField));
                rows.add(new Row(record.line(), record.text(), label, record.fields().get(SOURCE_FIELD),
                        groupField == null ? null : record.fields().get(groupField), prompt));
            } catch (IllegalArgumentException e) {
                errors.add(new BadRow(record.line(),
                        source + ":" + record.line() + ": field \"" + labelField + "\": " + e.getMessage()));
            }
        });
        Map<Object, String> sources = names(rows.stream().map(Row::source).toList());
        Map<Object, String> groups = names(rows.stream().map(Row::group).toList());
        List<Example> examples = rows.stream().map(r -> new Example(r.line(), r.text(), r.label(),
                sources.get(r.source()), groups.get(r.group()), r.prompt())).toList();
        return new EvalSet(examples, errors);
    }

    /**
     * The name of each value a field takes: text as written, any other JSON value as JSON writes it, and a text
     * that reads like another value of the field ({@code "1"} beside {@code 1}, or {@value Evaluation#NO_SOURCE}
     * beside rows without the field) as JSON writes it, in quotes. Values come as a reader gives them (String, Number,
     * Boolean, List, Map), compared by {@code equals}; null stays null.
     */
    private static Map<Object, String> names(List<Object> values) {
        Set<Object> distinct = new HashSet<>(values);
        distinct.remove(null);
        Set<String> nonTexts = new HashSet<>();
        if (values.contains(null)) {
            nonTexts.add(Evaluation.NO_SOURCE); // the group of rows without the field
        }
        for (Object value : distinct) {
            if (!(value instanceof String)) {
                nonTexts.add(json(value));
            }
        }
        Map<Object, String> names = new HashMap<>();
        for (Object value : distinct) {
            names.put(value, value instanceof String text && !nonTexts.contains(text) ? text : json(value));
        }
        // a text named as written can still read like another text's quoted name ("\"1\"" beside "1" beside 1):
        // quote it too; quoted texts differ from each other and from any other kind of value, so this ends
        Map<String, Long> uses = names.values().stream()
                .collect(Collectors.groupingBy(n -> n, Collectors.counting()));
        for (Object value : distinct) {
            if (value instanceof String text && names.get(value).equals(text) && uses.get(text) > 1) {
                names.put(value, json(value));
            }
        }
        return names;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a value read from JSON could not be written as JSON: " + value, e);
        }
    }
}
