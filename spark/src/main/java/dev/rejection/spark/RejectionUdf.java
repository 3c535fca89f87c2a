package dev.rejection.spark;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;

/**
 * The detector as a Spark SQL function: text in, a struct of the {@link RejectionColumns} out (in sentence and window
 * mode with the deciding span's fields, {@link RejectionColumns#schema}).
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
    /** Made on first use in each executor's copy of the function, around that JVM's detector. */
    private transient TextScorer scorer;

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
        return functions.udf(new RejectionUdf(spec), RejectionColumns.schema(spec.mode()));
    }

    @Override
    public Row call(Object text) {
        String problem = RejectionColumns.problem(text, "the text");
        return RowFactory.create(problem != null ? RejectionColumns.failed(spec.mode(), problem)
                : scorer().score((String) text));
    }

    private TextScorer scorer() {
        // two threads that race here make two equal scorers around the one detector: harmless
        if (scorer == null) {
            scorer = TextScorer.of(spec);
        }
        return scorer;
    }
}
