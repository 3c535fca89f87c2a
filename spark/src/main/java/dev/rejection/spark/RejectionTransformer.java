package dev.rejection.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.Arrays;

/**
 * Adds the {@link RejectionColumns} to a DataFrame: each partition is scored in batches by the one detector its
 * executor JVM holds. The faster of the two ways to score (the {@link RejectionUdf} sees one row at a time), and the
 * one to use for large tables.
 *
 * <pre>{@code
 * Dataset<Row> scored = new RejectionTransformer(DetectorSpec.of("/models/rejection"), "response").transform(logs);
 * }</pre>
 *
 * From Scala: {@code logs.transform(new RejectionTransformer(DetectorSpec.of(dir), "response").transform)}.
 *
 * <p>Every input row comes out once, with its columns unchanged; rows whose text is null, empty or not a string
 * get null scores and the reason in {@code rejection_error} rather than failing the job.
 */
public final class RejectionTransformer {
    /** Rows read from a partition per detector call: enough to fill the detector's batches, few enough to stream. */
    public static final int DEFAULT_ROWS_PER_BATCH = 64;

    private final DetectorSpec spec;
    private final String textColumn;
    private final int rowsPerBatch;
    private final String promptColumn; // null: answers read alone

    /**
     * @param spec       the detector to run
     * @param textColumn the top-level column holding the texts (select a nested field into one first)
     */
    public RejectionTransformer(DetectorSpec spec, String textColumn) {
        this(spec, textColumn, DEFAULT_ROWS_PER_BATCH, null);
    }

    private RejectionTransformer(DetectorSpec spec, String textColumn, int rowsPerBatch, String promptColumn) {
        if (spec == null || textColumn == null) {
            throw new IllegalArgumentException("a detector spec and a text column are required");
        }
        if (rowsPerBatch < 1) {
            throw new IllegalArgumentException("rows per batch must be at least 1, got " + rowsPerBatch);
        }
        this.spec = spec;
        this.textColumn = textColumn;
        this.rowsPerBatch = rowsPerBatch;
        this.promptColumn = promptColumn;
    }

    /**
     * A copy that reads each answer after the prompt in {@code column} (a string column; null values: read alone),
     * as a text pair; null reads answers alone.
     */
    public RejectionTransformer withPromptColumn(String column) {
        return new RejectionTransformer(spec, textColumn, rowsPerBatch, column);
    }

    /** A copy that reads {@code rows} rows of a partition per detector call. */
    public RejectionTransformer withRowsPerBatch(int rows) {
        return new RejectionTransformer(spec, textColumn, rows, promptColumn);
    }

    /**
     * The input with the rejection columns appended (lazily, like any transformation).
     *
     * @throws IllegalArgumentException when the text column is missing or a rejection column already exists
     */
    public Dataset<Row> transform(Dataset<Row> input) {
        StructType schema = input.schema();
        int index = Arrays.asList(schema.fieldNames()).indexOf(textColumn);
        if (index < 0) {
            throw new IllegalArgumentException("no column named " + textColumn + "; the columns are "
                    + String.join(", ", schema.fieldNames()));
        }
        DataType type = schema.fields()[index].dataType();
        String columnProblem = type.equals(DataTypes.StringType) ? null
                : "column " + textColumn + " is " + type.simpleString() + ", not string";
        int promptIndex = -1;
        if (promptColumn != null) {
            promptIndex = Arrays.asList(schema.fieldNames()).indexOf(promptColumn);
            if (promptIndex < 0) {
                throw new IllegalArgumentException("no column named " + promptColumn + " (--prompt-column); the "
                        + "columns are " + String.join(", ", schema.fieldNames()));
            }
            DataType promptType = schema.fields()[promptIndex].dataType();
            if (!promptType.equals(DataTypes.StringType)) {
                throw new IllegalArgumentException("the prompt column " + promptColumn + " is "
                        + promptType.simpleString() + ", not string");
            }
        }
        return input.mapPartitions(new PartitionScorer(spec, index, textColumn, columnProblem, rowsPerBatch,
                promptIndex),
                Encoders.row(RejectionColumns.appendTo(schema, spec.mode())));
    }
}
