package dev.rejection.spark;

import dev.rejection.detect.RejectionDetector;
import dev.rejection.detect.Verdict;
import dev.rejection.testing.StandIns;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RejectionUdfTest {
    private static SparkSession spark;
    private static RejectionDetector detector;
    private static DetectorSpec spec;

    @BeforeAll
    static void start() {
        Path model = StandIns.bertTiny().toAbsolutePath();
        detector = RejectionDetector.load(model);
        spec = DetectorSpec.of(model.toString());
        spark = SharedSpark.session();
        RejectionUdf.register(spark, "detect_rejection", spec);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < SampleTexts.ANSWERS.size(); i++) {
            rows.add(RowFactory.create((long) i, SampleTexts.ANSWERS.get(i)));
        }
        spark.createDataFrame(rows, new StructType().add("id", DataTypes.LongType).add("response", DataTypes.StringType))
                .createOrReplaceTempView("logs");
    }

    @AfterAll
    static void closeDetector() {
        if (detector != null) { // null when start() failed before loading one
            detector.close();
        }
    }

    @Test
    void sqlScoresEqualTheCoreDetector() {
        List<Row> rows = spark.sql("SELECT id, r.* FROM (SELECT id, detect_rejection(response) AS r FROM logs) ORDER BY id").collectAsList();

        assertThat(rows).hasSize(SampleTexts.ANSWERS.size());
        for (Row row : rows) {
            Verdict verdict = detector.classify(SampleTexts.ANSWERS.get((int) row.getLong(0)));
            assertThat(row.getDouble(1)).isCloseTo(verdict.score(), within(1e-5));
            assertThat(row.getString(2)).isEqualTo(verdict.label());
            assertThat(row.getBoolean(3)).isEqualTo(verdict.rejection());
            assertThat(row.isNullAt(4)).isTrue();
        }
    }

    @Test
    void theDataFrameApiGivesTheSameStruct() {
        Row row = spark.table("logs").where("id = 0")
                .select(RejectionUdf.apply(spec, col("response")).as("r")).select("r.*").first();

        assertThat(row.getDouble(0)).isCloseTo(detector.classify(SampleTexts.ANSWERS.get(0)).score(), within(1e-5));
    }

    @Test
    void nullEmptyAndNonStringArgumentsGiveAnErrorAndNoScore() {
        Row row = spark.sql("SELECT detect_rejection(CAST(NULL AS STRING)) AS a, detect_rejection('') AS b, "
                + "detect_rejection(42) AS c").first();

        assertThat(row.getStruct(0).getString(3)).isEqualTo("the text is null");
        assertThat(row.getStruct(1).getString(3)).isEqualTo("the text is empty");
        assertThat(row.getStruct(2).getString(3)).isEqualTo("the text is a Integer, not a string");
        for (int i = 0; i < 3; i++) {
            assertThat(row.getStruct(i).isNullAt(0)).isTrue();
            assertThat(row.getStruct(i).isNullAt(2)).isTrue();
        }
    }
}
