package dev.rejection.spark;

import dev.rejection.detect.mode.MatchMode;
import dev.rejection.detect.mode.ModeDetector;
import dev.rejection.detect.mode.SpanScorer;
import dev.rejection.detect.mode.SpanVerdict;
import dev.rejection.testing.StandIns;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Sentence, window and deep mode on Spark: the same verdicts and deciding spans as core's {@link ModeDetector}. */
class RejectionModesTest {
    private static final StructType LOGS = new StructType()
            .add("id", DataTypes.LongType, false)
            .add("response", DataTypes.StringType, true);

    private static SparkSession spark;
    private static DetectorSpec full;
    private static List<String> texts;

    @BeforeAll
    static void start() {
        full = DetectorSpec.of(StandIns.bertTiny().toAbsolutePath().toString());
        spark = SharedSpark.session();
        // the samples alone, and pairs of them: answers whose sentences differ in kind
        texts = new ArrayList<>(SampleTexts.ANSWERS);
        for (int i = 0; i + 3 < SampleTexts.ANSWERS.size(); i++) {
            texts.add(SampleTexts.ANSWERS.get(i + 3) + "\n\n" + SampleTexts.ANSWERS.get(i));
        }
    }

    /**
     * The texts as one partition, in order: the transformer then hands core's mode detector the same batch as the
     * test does, so even near-tied spans are chosen alike.
     */
    private static Dataset<Row> logs(List<String> responses) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < responses.size(); i++) {
            rows.add(RowFactory.create((long) i, responses.get(i)));
        }
        return spark.createDataFrame(rows, LOGS).coalesce(1);
    }

    /** Core's reading of the texts in the spec's mode, with the very detector the executors use (one JVM). */
    private static List<SpanVerdict> expected(DetectorSpec spec, List<String> responses) {
        SpanScorer scorer = SpanScorer.of(ExecutorDetectors.get(spec));
        ModeDetector reading = spec.stride() == null ? ModeDetector.of(scorer, spec.mode())
                : ModeDetector.of(scorer, spec.mode(), spec.stride());
        return reading.classify(responses);
    }

    /** Checks the added columns, starting at {@code first}, against core's verdict on {@code text}. */
    private static void assertMatches(Row row, int first, SpanVerdict verdict, String text, String what) {
        assertThat(row.getDouble(first)).as("score of %s", what).isCloseTo(verdict.score(), within(1e-5));
        assertThat(row.getString(first + 1)).as("label of %s", what).isEqualTo(verdict.verdict().label());
        assertThat(row.getBoolean(first + 2)).as("rejection of %s", what).isEqualTo(verdict.rejection());
        assertThat(row.getInt(first + 3)).as("span start of %s", what).isEqualTo(verdict.span().start());
        assertThat(row.getInt(first + 4)).as("span end of %s", what).isEqualTo(verdict.span().end());
        assertThat(row.getString(first + 5)).as("span of %s", what).isEqualTo(verdict.spanText(text));
        assertThat(row.isNullAt(first + 6)).as("no error on %s", what).isTrue();
    }

    /** The scored rows, in id order, each checked against core's verdict on its text ({@link #expected}). */
    private static List<Row> eachRowMatches(List<SpanVerdict> expected, Dataset<Row> scored) {
        List<Row> rows = scored.orderBy("id").collectAsList();
        assertThat(rows).hasSize(texts.size());
        for (Row row : rows) {
            int id = (int) row.getLong(0);
            assertMatches(row, 2, expected.get(id), texts.get(id), "row " + id);
        }
        return rows;
    }

    @Test
    void sentenceModeGivesCoreModeDetectorsVerdictsAndSpans() {
        DetectorSpec sentences = full.withMode(MatchMode.SENTENCE);

        Dataset<Row> scored = new RejectionTransformer(sentences, "response").transform(logs(texts));

        assertThat(scored.columns()).containsExactly("id", "response", "rejection_score", "rejection_label",
                "rejection", "rejection_span_start", "rejection_span_end", "rejection_span", "rejection_error",
                "rejection_gated");
        List<Row> rows = eachRowMatches(expected(sentences, texts), scored);
        // the pairs were read sentence by sentence, not whole
        assertThat(rows).anySatisfy(r -> assertThat(r.getString(7)).isNotEqualTo(r.getString(1)));
    }

    @Test
    void windowModeWithAStrideGivesCoreModeDetectorsVerdictsAndSpans() {
        // 64 tokens per read, so that the long sample spans many windows
        DetectorSpec windows = full.withMaxLength(64).withMode(MatchMode.WINDOW).withStride(16);

        List<Row> rows = eachRowMatches(expected(windows, texts),
                new RejectionTransformer(windows, "response").transform(logs(texts)));

        String longest = texts.stream().max((a, b) -> a.length() - b.length()).orElseThrow();
        assertThat(rows).anySatisfy(r -> {
            assertThat(r.getString(1)).isEqualTo(longest);
            assertThat(r.getString(7).length()).isLessThan(longest.length());
        });
    }

    @Test
    void deepModeGivesCoreModeDetectorsVerdictsAndSpans() {
        // 64 tokens per full read, so that the long sample is cut and read on in windows
        DetectorSpec deep = full.withMaxLength(64).withMode(MatchMode.DEEP).withStride(16);

        List<SpanVerdict> expected = expected(deep, texts);
        // the long sample was cut and read on: some text has more spans than the full read
        assertThat(expected).anySatisfy(v -> assertThat(v.spans()).hasSizeGreaterThan(1));
        eachRowMatches(expected, new RejectionTransformer(deep, "response").transform(logs(texts)));
    }

    @Test
    void theUdfInSentenceModeGivesTheSpanFieldsToo() {
        DetectorSpec sentences = full.withMode(MatchMode.SENTENCE);
        RejectionUdf.register(spark, "detect_rejection_sentences", sentences);
        logs(texts).createOrReplaceTempView("mode_logs");

        List<Row> rows = spark.sql("SELECT id, response, r.* FROM (SELECT id, response, "
                + "detect_rejection_sentences(response) AS r FROM mode_logs) ORDER BY id").collectAsList();

        assertThat(rows).hasSize(texts.size());
        for (Row row : rows) {
            int id = (int) row.getLong(0);
            // the function sees one row per call
            SpanVerdict verdict = expected(sentences, List.of(texts.get(id))).get(0);
            assertMatches(row, 2, verdict, texts.get(id), "row " + id);
        }
    }

    @Test
    void nullEmptyAndBlankTextsInSentenceModeGetAReasonAndNoSpan() {
        DetectorSpec sentences = full.withMode(MatchMode.SENTENCE);
        List<String> responses = Arrays.asList(null, "", "  \n\t", "I can't help with that. Sorry.");

        List<Row> rows = new RejectionTransformer(sentences, "response").transform(logs(responses)).orderBy("id")
                .collectAsList();

        assertThat(rows).extracting(r -> r.getString(8)).containsExactly(
                "column response is null", "column response is empty", "column response is only whitespace", null);
        assertThat(rows.subList(0, 3)).allSatisfy(r -> {
            for (int column = 2; column <= 7; column++) {
                assertThat(r.isNullAt(column)).as("column %d", column).isTrue();
            }
        });
        assertMatches(rows.get(3), 2, expected(sentences, responses.subList(3, 4)).get(0), responses.get(3),
                "the text");

        RejectionUdf.register(spark, "detect_rejection_nulls", sentences);
        Row udf = spark.sql("SELECT detect_rejection_nulls(CAST(NULL AS STRING)) AS a").first();
        assertThat(udf.getStruct(0).schema().fieldNames()).containsExactly(
                RejectionColumns.SPANNED_SCHEMA.fieldNames());
        assertThat(udf.getStruct(0).getString(6)).isEqualTo("the text is null");
        assertThat(udf.getStruct(0).isNullAt(3)).isTrue();
    }

    @Test
    void fullModeAddsNoSpanColumns() {
        Dataset<Row> input = logs(texts.subList(0, 2));

        assertThat(new RejectionTransformer(full, "response").transform(input).columns()).containsExactly(
                "id", "response", "rejection_score", "rejection_label", "rejection", "rejection_error",
                "rejection_gated");
        StructType udf = (StructType) input.select(RejectionUdf.apply(full, col("response")).as("r")).schema()
                .apply("r").dataType();
        assertThat(udf.fieldNames()).containsExactly(
                "rejection_score", "rejection_label", "rejection", "rejection_error", "rejection_gated");
        assertThat(RejectionColumns.schema(MatchMode.FULL)).isEqualTo(RejectionColumns.SCHEMA);
    }

    @Test
    void specsThatDifferOnlyInModeShareOneDetector() {
        assertThat(ExecutorDetectors.get(full.withMode(MatchMode.SENTENCE))).isSameAs(ExecutorDetectors.get(full));
        assertThat(ExecutorDetectors.get(full.withMode(MatchMode.WINDOW).withStride(8)))
                .isSameAs(ExecutorDetectors.get(full));
    }
}
