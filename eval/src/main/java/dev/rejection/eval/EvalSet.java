package dev.rejection.eval;

import dev.rejection.io.TextRecord;

import java.util.ArrayList;
import java.util.List;
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
     * {@link Example#group()} (text as written, numbers and booleans as JSON writes them; {@code null} when the
     * record lacks the field or has null there).
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
        List<Example> examples = new ArrayList<>();
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
                Object origin = record.fields().get(SOURCE_FIELD);
                Object group = groupField == null ? null : record.fields().get(groupField);
                examples.add(new Example(record.line(), record.text(), label, origin == null ? null : origin.toString(),
                        group == null ? null : group.toString(), prompt));
            } catch (IllegalArgumentException e) {
                errors.add(new BadRow(record.line(),
                        source + ":" + record.line() + ": field \"" + labelField + "\": " + e.getMessage()));
            }
        });
        return new EvalSet(examples, errors);
    }
}
