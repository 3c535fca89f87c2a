package dev.rejection.spark;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;

/**
 * The detector as a Spark SQL function: text in, a struct of the {@link RejectionColumns} out.
 *
 * <pre>{@code
 * RejectionUdf.register(spark, "detect_rejection", DetectorSpec.of("/models/rejection"));
 * spark.sql("SELECT id, r.rejection, r.rejection_score "
 *         + "FROM (SELECT id, detect_rejection(response) AS r FROM logs)");
 * }</pre>
 *
 * <p>It scores one row per call, so it suits queries and moderate tables; {@link RejectionTransformer} batches and is
 * faster on large ones. Call it once per row, in a subquery as above, and read the fields of its result, so that
 * each row is scored once. A null, empty or non-string argument gives null scores and the reason in
 * {@code rejection_error}.
 */
public final class RejectionUdf implements UDF1<Object, Row> {
    private final DetectorSpec spec;

    public RejectionUdf(DetectorSpec spec) {
        if (spec == null) {
            throw new IllegalArgumentException("a detector spec is required");
        }
        this.spec = spec;
    }

    /** Registers the function under {@code name} for SQL and {@code functions.call_function}. */
    public static UserDefinedFunction register(SparkSession spark, String name, DetectorSpec spec) {
        return spark.udf().register(name, asFunction(spec));
    }

    /** The function for the DataFrame API: {@code df.select(RejectionUdf.apply(spec, col("response")))}. */
    public static Column apply(DetectorSpec spec, Column text) {
        return asFunction(spec).apply(text);
    }

    private static UserDefinedFunction asFunction(DetectorSpec spec) {
        return functions.udf(new RejectionUdf(spec), RejectionColumns.SCHEMA);
    }

    @Override
    public Row call(Object text) {
        String problem = RejectionColumns.problem(text, "the text");
        Object[] values = problem != null ? RejectionColumns.failed(problem)
                : RejectionColumns.of(ExecutorDetectors.get(spec).classify((String) text));
        return RowFactory.create(values);
    }
}
