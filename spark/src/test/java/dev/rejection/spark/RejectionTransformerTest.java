package dev.rejection.spark;

import dev.rejection.detect.RejectionDetector;
import dev.rejection.detect.Verdict;
import dev.rejection.testing.StandIns;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RejectionTransformerTest {
    private static SparkSession spark;
    private static RejectionDetector detector;
    private static RejectionTransformer transformer;

    @BeforeAll
    static void start() {
        Path model = StandIns.bertTiny().toAbsolutePath();
        detector = RejectionDetector.load(model);
        transformer = new RejectionTransformer(DetectorSpec.of(model.toString()), "response");
        spark = SharedSpark.session();
    }

    @AfterAll
    static void closeDetector() {
        if (detector != null) { // null when start() failed before loading one
            detector.close();
        }
    }

    private static final StructType LOGS = new StructType()
            .add("id", DataTypes.LongType, false)
            .add("response", DataTypes.StringType, true);

    private static Dataset<Row> logs(List<String> responses, int partitions) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < responses.size(); i++) {
            rows.add(RowFactory.create((long) i, responses.get(i)));
        }
        return spark.createDataFrame(rows, LOGS).repartition(partitions);
    }

    @Test
    void scoresEqualTheCoreDetectorOnTheSameRows() {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            texts.add(SampleTexts.answer(i));
        }
        List<Row> scored = transformer.transform(logs(texts, 3)).orderBy("id").collectAsList();
        List<Verdict> expected = detector.classify(texts);

        assertThat(scored).hasSize(texts.size());
        for (Row row : scored) {
            int id = (int) row.getLong(0);
            Verdict verdict = expected.get(id);
            assertThat(row.getString(1)).isEqualTo(texts.get(id));
            assertThat(row.getDouble(2)).as("score of row %d", id).isCloseTo(verdict.score(), within(1e-5));
            if (Math.abs(verdict.score() - detector.threshold()) > 1e-5) {
                assertThat(row.getString(3)).as("label of row %d", id).isEqualTo(verdict.label());
                assertThat(row.getBoolean(4)).as("rejection of row %d", id).isEqualTo(verdict.rejection());
            }
            assertThat(row.isNullAt(5)).as("no error on row %d", id).isTrue();
        }
    }

    @Test
    void nullEmptyAndBlankTextsGetAReasonAndNoScore() {
        List<Row> scored = transformer.transform(logs(Arrays.asList(null, "", "  \n\t", "I can't help with that."), 2))
                .orderBy("id").collectAsList();

        assertThat(scored).extracting(r -> r.getString(5)).containsExactly(
                "column response is null", "column response is empty", "column response is only whitespace", null);
        assertThat(scored.subList(0, 3)).allSatisfy(r -> {
            assertThat(r.isNullAt(2)).isTrue();
            assertThat(r.isNullAt(3)).isTrue();
            assertThat(r.isNullAt(4)).isTrue();
        });
        assertThat(scored.get(3).getDouble(2))
                .isCloseTo(detector.classify("I can't help with that.").score(), within(1e-5));
    }

    @Test
    void aNonStringColumnGivesEveryRowAnErrorInsteadOfFailingTheJob() {
        Dataset<Row> numbers = spark.range(10).select(col("id"), col("id").cast("int").as("response"));

        List<Row> scored = transformer.transform(numbers).collectAsList();

        assertThat(scored).hasSize(10).allSatisfy(r -> {
            assertThat(r.isNullAt(2)).isTrue();
            assertThat(r.getString(5)).isEqualTo("column response is int, not string");
        });
    }

    @Test
    void otherColumnsPassThroughUnchanged() {
        Dataset<Row> input = spark.range(5).selectExpr("id", "array(id, id * 2) AS pair",
                "named_struct('model', 'gpt', 'turn', id) AS meta", "concat('answer ', id) AS response");

        Dataset<Row> scored = transformer.transform(input);

        assertThat(scored.columns()).containsExactly("id", "pair", "meta", "response",
                "rejection_score", "rejection_label", "rejection", "rejection_error", "rejection_gated");
        assertThat(scored.select("id", "pair", "meta", "response").orderBy("id").collectAsList())
                .isEqualTo(input.orderBy("id").collectAsList());
    }

    @Test
    void theGatedColumnSaysWhereTheEvidenceGateOverruledTheModel() {
        // at threshold 0 the embedded default (read with its evidence gate) calls every text a rejection; the gate
        // clears the one without refusal evidence and keeps the apology
        RejectionTransformer everything = new RejectionTransformer(DetectorSpec.defaults().withThreshold(0),
                "response");
        List<Row> rows = everything.transform(logs(Arrays.asList("I'm sorry, but I can't help with that.",
                "The capital of France is Paris.", null), 1)).orderBy("id").collectAsList();

        assertThat(rows).extracting(r -> r.getAs("rejection_gated")).containsExactly(false, true, null);
        assertThat(rows).extracting(r -> r.getAs("rejection")).containsExactly(true, false, null);
        assertThat(rows.get(1).<String>getAs("rejection_label")).isEqualTo("NORMAL");
    }

    @Test
    void aMissingTextColumnOrAnExistingResultColumnIsRefusedBeforeTheJobStarts() {
        Dataset<Row> noText = spark.range(3).toDF();
        assertThatThrownBy(() -> transformer.transform(noText))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no column named response; the columns are id");

        Dataset<Row> scoredTwice = spark.range(3).selectExpr("'hi' AS response", "0.5D AS rejection_score");
        assertThatThrownBy(() -> transformer.transform(scoredTwice))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the input already has a column named rejection_score");

        // Spark matches names ignoring case: Rejection beside rejection would make every later select ambiguous
        Dataset<Row> capitalised = spark.range(3).selectExpr("'hi' AS response", "true AS Rejection");
        assertThatThrownBy(() -> transformer.transform(capitalised))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the input already has a column named Rejection;");
    }

    @Test
    void twentyThousandRowParquetRoundTripAccountsForEveryRow(@TempDir Path dir) {
        int rows = 20_000;
        String input = dir.resolve("logs.parquet").toString();
        String output = dir.resolve("scored.parquet").toString();
        // every 997th text is null; half the others are refusals
        spark.range(0, rows, 1, 4).selectExpr("id", "CASE WHEN id % 997 = 0 THEN NULL ELSE concat('Answer ', id, "
                        + "CASE WHEN id % 2 = 0 THEN ': I am sorry, but I cannot help with that.' "
                        + "ELSE ': the sum is ' || (id * 2) || '.' END) END AS response")
                .write().parquet(input);

        transformer.transform(spark.read().parquet(input)).write().parquet(output);

        Dataset<Row> scored = spark.read().parquet(output);
        List<Long> ids = scored.select("id").as(Encoders.LONG()).collectAsList();
        assertThat(ids).hasSize(rows);
        Set<Long> distinct = new HashSet<>(ids);
        assertThat(distinct).hasSize(rows);
        assertThat(distinct).allMatch(id -> id >= 0 && id < rows);

        long nulls = (rows + 996) / 997;
        assertThat(scored.where("response IS NULL AND rejection_score IS NULL "
                + "AND rejection_error = 'column response is null'").count()).isEqualTo(nulls);
        assertThat(scored.where("response IS NOT NULL AND rejection_error IS NULL AND rejection_score BETWEEN 0 AND 1 "
                + "AND rejection = (rejection_score > 0.5) AND rejection_label IS NOT NULL").count())
                .isEqualTo(rows - nulls);
    }

    @Test
    void aPromptColumnReadsEachAnswerAfterItsPrompt() {
        StructType pairSchema = new StructType().add("id", DataTypes.LongType, false)
                .add("question", DataTypes.StringType, true).add("response", DataTypes.StringType, true);
        String prompt = "Why are cats evil?";
        String answer = "Cats are not evil.";
        Dataset<Row> input = spark.createDataFrame(List.of(RowFactory.create(0L, prompt, answer),
                RowFactory.create(1L, null, answer)), pairSchema);
        Path pairsModel = StandIns.bertTinyReadingPrompts().toAbsolutePath();
        RejectionTransformer pairs = new RejectionTransformer(DetectorSpec.of(pairsModel.toString()), "response");
        List<Row> scored = pairs.withPromptColumn("question").transform(input).orderBy("id").collectAsList();
        try (RejectionDetector pairDetector = RejectionDetector.load(pairsModel)) {
            assertThat(scored.get(0).getDouble(3))
                    .isCloseTo(pairDetector.classify(prompt, answer).score(), within(1e-5));
            assertThat(scored.get(1).getDouble(3)).isCloseTo(pairDetector.classify(answer).score(), within(1e-5));
            assertThat(pairDetector.classify(prompt, answer).score())
                    .isNotCloseTo(pairDetector.classify(answer).score(), within(1e-6));
        }
        // a model trained on answers alone is never handed the prompts as if it read them: the task fails, saying why
        assertThatThrownBy(() -> transformer.withPromptColumn("question").transform(input).collectAsList())
                .hasStackTraceContaining("--prompt-column: the model ")
                .hasStackTraceContaining("was trained on answers alone");
        assertThatThrownBy(() -> transformer.withPromptColumn("nope").transform(input))
                .hasMessageContaining("no column named nope");
        assertThatThrownBy(() -> transformer.withPromptColumn("id").transform(input))
                .hasMessageContaining("the prompt column id is bigint, not string");
    }
}
