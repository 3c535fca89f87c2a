package dev.rejection.spark;

import dev.rejection.detect.Verdict;
import dev.rejection.detect.json.VerdictJson;
import dev.rejection.detect.mode.MatchMode;
import dev.rejection.detect.mode.SpanVerdict;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.Arrays;

/**
 * The columns that scoring adds to every row, and their values for a verdict or for a text that could not be
 * scored. The partition transformer appends them to the input's columns; the UDF returns them as one struct. In
 * sentence and window mode the deciding span's columns come after the verdict they explain; full mode has none. The
 * last column says whether the evidence gate overruled the model, as {@code "gated": true} does in JSON.
 */
public final class RejectionColumns {
    /** Added columns are the verdict's JSON fields ({@link VerdictJson}) under this prefix, so that they do not
     * clash with the input's; {@code rejection} itself needs none. */
    private static final String PREFIX = "rejection_";
    /** Probability of the positive (REJECTION) label; null when the text could not be scored. */
    public static final String SCORE = PREFIX + VerdictJson.SCORE;
    /** The positive label when a rejection, else the highest-scoring other label; null when not scored. */
    public static final String LABEL = PREFIX + VerdictJson.LABEL;
    /** Whether the score is above the threshold; null when not scored. */
    public static final String REJECTION = VerdictJson.REJECTION;
    /** Sentence and window mode: where the deciding span starts (a UTF-16 index of the text); null when not scored. */
    public static final String SPAN_START = PREFIX + VerdictJson.SPAN + "_start";
    /** Sentence and window mode: where the deciding span ends (exclusive); null when not scored. */
    public static final String SPAN_END = PREFIX + VerdictJson.SPAN + "_end";
    /** Sentence and window mode: the deciding span's text, whose score is the row's; null when not scored. */
    public static final String SPAN = PREFIX + VerdictJson.SPAN;
    /** Why the text could not be scored (null, empty, not a string, ...); null when it was. */
    public static final String ERROR = PREFIX + VerdictJson.ERROR;
    /**
     * Whether the detector's evidence gate overruled the model (it called the text a rejection, the text holds no
     * refusal evidence: the verdict became NORMAL); false when it did not or the model is read without the gate; null
     * when not scored.
     */
    public static final String GATED = PREFIX + VerdictJson.GATED;

    /** The added columns in full mode, in order; all nullable. */
    public static final StructType SCHEMA = new StructType()
            .add(SCORE, DataTypes.DoubleType, true)
            .add(LABEL, DataTypes.StringType, true)
            .add(REJECTION, DataTypes.BooleanType, true)
            .add(ERROR, DataTypes.StringType, true)
            .add(GATED, DataTypes.BooleanType, true);

    /** The added columns in sentence and window mode, in order; all nullable. */
    public static final StructType SPANNED_SCHEMA = new StructType()
            .add(SCORE, DataTypes.DoubleType, true)
            .add(LABEL, DataTypes.StringType, true)
            .add(REJECTION, DataTypes.BooleanType, true)
            .add(SPAN_START, DataTypes.IntegerType, true)
            .add(SPAN_END, DataTypes.IntegerType, true)
            .add(SPAN, DataTypes.StringType, true)
            .add(ERROR, DataTypes.StringType, true)
            .add(GATED, DataTypes.BooleanType, true);

    private RejectionColumns() {
    }

    /** The added columns when texts are read in {@code mode}: {@link #SCHEMA} in full mode, else the spanned one. */
    public static StructType schema(MatchMode mode) {
        return mode == MatchMode.FULL ? SCHEMA : SPANNED_SCHEMA;
    }

    /** The column values for a full-mode verdict. */
    static Object[] of(Verdict verdict) {
        return new Object[]{verdict.score(), verdict.label(), verdict.rejection(), null, verdict.gated()};
    }

    /** The column values for a sentence- or window-mode verdict on {@code text}. */
    static Object[] of(SpanVerdict verdict, String text) {
        Verdict v = verdict.verdict();
        return new Object[]{v.score(), v.label(), v.rejection(), verdict.span().start(), verdict.span().end(),
                verdict.spanText(text), null, v.gated()};
    }

    /** The column values, in {@code mode}'s schema, for a text that could not be scored: nulls, and the reason. */
    static Object[] failed(MatchMode mode, String error) {
        StructType schema = schema(mode);
        Object[] values = new Object[schema.size()];
        values[schema.fieldIndex(ERROR)] = error;
        return values;
    }

    /**
     * The input's columns followed by the ones added in {@code mode}.
     *
     * @throws IllegalArgumentException when the input already has a column of one of the added names
     */
    static StructType appendTo(StructType input, MatchMode mode) {
        StructType added = schema(mode);
        StructType out = input;
        for (StructField field : added.fields()) {
            // Spark resolves names ignoring case by default: "Rejection" beside "rejection" would be ambiguous
            String clash = Arrays.stream(input.fieldNames()).filter(name -> name.equalsIgnoreCase(field.name()))
                    .findFirst().orElse(null);
            if (clash != null) {
                throw new IllegalArgumentException("the input already has a column named " + clash + "; "
                        + "drop or rename it before scoring (scoring adds " + String.join(", ", added.fieldNames())
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
