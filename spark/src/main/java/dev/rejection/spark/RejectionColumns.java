package dev.rejection.spark;

import dev.rejection.detect.Verdict;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.Arrays;

/**
 * The columns that scoring adds to every row, and their values for a verdict or for a text that could not be
 * scored. The partition transformer appends them to the input's columns; the UDF returns them as one struct.
 * (Sentence and window modes will add the deciding span here, next to the score it explains.)
 */
public final class RejectionColumns {
    /** Probability of the positive (REJECTION) label; null when the text could not be scored. */
    public static final String SCORE = "rejection_score";
    /** The positive label when a rejection, else the highest-scoring other label; null when not scored. */
    public static final String LABEL = "rejection_label";
    /** Whether the score is above the threshold; null when not scored. */
    public static final String REJECTION = "rejection";
    /** Why the text could not be scored (null, empty, not a string, ...); null when it was. */
    public static final String ERROR = "rejection_error";

    /** The added columns, in order; all nullable. */
    public static final StructType SCHEMA = new StructType()
            .add(SCORE, DataTypes.DoubleType, true)
            .add(LABEL, DataTypes.StringType, true)
            .add(REJECTION, DataTypes.BooleanType, true)
            .add(ERROR, DataTypes.StringType, true);

    private RejectionColumns() {
    }

    /** The column values for a verdict. */
    static Object[] of(Verdict verdict) {
        return new Object[]{verdict.score(), verdict.label(), verdict.rejection(), null};
    }

    /** The column values for a text that could not be scored: nulls, and the reason. */
    static Object[] failed(String error) {
        return new Object[]{null, null, null, error};
    }

    /**
     * The input's columns followed by the added ones.
     *
     * @throws IllegalArgumentException when the input already has a column of one of the added names
     */
    static StructType appendTo(StructType input) {
        StructType out = input;
        for (StructField field : SCHEMA.fields()) {
            if (Arrays.asList(input.fieldNames()).contains(field.name())) {
                throw new IllegalArgumentException("the input already has a column named " + field.name() + "; "
                        + "drop or rename it before scoring (scoring adds " + String.join(", ", SCHEMA.fieldNames())
                        + ")");
            }
            out = out.add(field);
        }
        return out;
    }

    /**
     * Why a value cannot be scored, or null when it is a text worth scoring.
     *
     * @param where names the value in the message, e.g. {@code "column response"}
     */
    static String problem(Object value, String where) {
        if (value == null) {
            return where + " is null";
        }
        if (!(value instanceof String text)) {
            return where + " is a " + value.getClass().getSimpleName() + ", not a string";
        }
        if (text.isBlank()) {
            return where + (text.isEmpty() ? " is empty" : " is only whitespace");
        }
        return null;
    }
}
