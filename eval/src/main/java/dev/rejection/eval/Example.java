package dev.rejection.eval;

import java.util.Objects;

/**
 * One labelled text of an evaluation set.
 *
 * @param line   1-based line of the input file it came from (for error messages and the report)
 * @param text   the LLM answer
 * @param label  1 = REJECTION (the positive class), 0 = NORMAL
 * @param source the record's {@code source} field, or {@code null} when it has none
 * @param group  the value of the field the evaluation is grouped by ({@code eval --group-by}), or {@code null} when
 *               not grouping or the record has no such field
 * @param prompt the prompt the answer replied to ({@code eval --prompt-field}), or {@code null}: read alone
 */
public record Example(long line, String text, int label, String source, String group, String prompt) {
    public Example {
        Objects.requireNonNull(text, "text");
        if (label != 0 && label != 1) {
            throw new IllegalArgumentException("label must be 0 or 1, got " + label + " (line " + line + ")");
        }
    }

    /** An example without a prompt. */
    public Example(long line, String text, int label, String source, String group) {
        this(line, text, label, source, group, null);
    }

    /** An example of no group. */
    public Example(long line, String text, int label, String source) {
        this(line, text, label, source, null);
    }
}
