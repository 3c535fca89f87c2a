package dev.rejection.spark;

import dev.rejection.testing.StandIns;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SparkScoreJobTest {
    private static SparkSession spark;
    private static String model;

    @BeforeAll
    static void start() {
        model = StandIns.bertTiny().toAbsolutePath().toString();
        spark = SharedSpark.session();
    }

    private record Run(int status, String out, String err) {
    }

    /** Runs the job on the shared session, which it must not stop. */
    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = SparkScoreJob.commandLine(new SparkScoreJob((master, shipped) -> spark, false))
                .setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        int status = cli.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void scoresJsonLinesIntoParquetKeepingEveryRow(@TempDir Path dir) throws IOException {
        Path input = dir.resolve("logs.jsonl");
        Files.writeString(input, String.join("\n",
                "{\"id\": 1, \"response\": \"I'm sorry, but I can't help with that.\"}",
                "{\"id\": 2, \"response\": \"The capital of Australia is Canberra.\"}",
                "{\"id\": 3, \"response\": null}",
                "{\"id\": 4}",
                "{\"id\": 5, \"response\": \"\"}"), StandardCharsets.UTF_8);
        String output = dir.resolve("scored").toString();

        Run run = run("--input", input.toString(), "--format", "json", "--text-column", "response",
                "--output", output, "--output-format", "parquet", "--model", model);

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("scored 5 rows into " + output + ": " + countRejections(output)
                + " rejections, 3 not scored (see rejection_error)\n");
        List<Row> rows = spark.read().parquet(output).orderBy("id")
                .select("id", "rejection_score", "rejection_error").collectAsList();
        assertThat(rows).extracting(r -> r.getLong(0)).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(rows).extracting(r -> r.get(2)).containsExactly(null, null, "column response is null",
                "column response is null", "column response is empty");
        assertThat(rows.subList(0, 2)).allSatisfy(r -> assertThat(r.isNullAt(1)).isFalse());
    }

    @Test
    void withoutAModelTheEmbeddedDefaultScores(@TempDir Path dir) throws IOException {
        Path input = dir.resolve("logs.jsonl");
        Files.writeString(input, String.join("\n",
                "{\"id\": 1, \"response\": \"I'm sorry, but I can't help with that.\"}",
                "{\"id\": 2, \"response\": \"The capital of Australia is Canberra.\"}"), StandardCharsets.UTF_8);
        String output = dir.resolve("scored").toString();

        Run run = run("--input", input.toString(), "--format", "json", "--text-column", "response",
                "--output", output);

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("scored 2 rows into " + output + ": 1 rejections, 0 not scored (see "
                + "rejection_error)\n");
        assertThat(spark.read().json(output).orderBy("id").select("rejection_label").as(
                org.apache.spark.sql.Encoders.STRING()).collectAsList()).containsExactly("REJECTION", "NORMAL");
        double expected;
        try (dev.rejection.detect.RejectionDetector detector = dev.rejection.detect.RejectionDetector.loadDefault()) {
            expected = detector.classify("I'm sorry, but I can't help with that.").score();
        }
        assertThat(spark.read().json(output).where("id = 1").select("rejection_score").first().getDouble(0))
                .isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-6));
    }

    private static long countRejections(String parquet) {
        return spark.read().parquet(parquet).where("rejection").count();
    }

    @Test
    void csvWithQuotesAndNewlinesRoundTripsAsCsv(@TempDir Path dir) throws IOException {
        Path input = dir.resolve("logs.csv");
        Files.writeString(input, "id,response\n"
                + "1,\"I can't do that, sorry.\"\n"
                + "2,\"She said \"\"hello\"\"\nand left.\"\n", StandardCharsets.UTF_8);
        String output = dir.resolve("scored").toString();

        Run run = run("--input", input.toString(), "--format", "CSV", "--text-column", "response",
                "--output", output, "--model", model);

        assertThat(run.status()).as(run.err()).isZero();
        Dataset<Row> scored = spark.read().option("header", true).option("escape", "\"").option("multiLine", true)
                .csv(output).orderBy("id");
        assertThat(scored.columns()).containsExactly("id", "response", "rejection_score", "rejection_label",
                "rejection", "rejection_error", "rejection_gated");
        assertThat(scored.select("response").as(org.apache.spark.sql.Encoders.STRING()).collectAsList())
                .containsExactly("I can't do that, sorry.", "She said \"hello\"\nand left.");
        assertThat(scored.where("rejection_score IS NOT NULL AND rejection_error IS NULL").count()).isEqualTo(2);
    }

    /** Runs the job on one CSV file of {@code csv}, into Parquet; the number of rows scored without an error. */
    private static long scoredCsvRows(Path dir, String csv, String textColumn) throws IOException {
        Path input = dir.resolve("logs.csv");
        Files.writeString(input, csv, StandardCharsets.UTF_8);
        String output = dir.resolve("scored").toString();

        Run run = run("--input", input.toString(), "--format", "csv", "--text-column", textColumn,
                "--output", output, "--output-format", "parquet", "--model", model);

        assertThat(run.status()).as(run.err()).isZero();
        return spark.read().parquet(output).where("rejection_score IS NOT NULL AND rejection_error IS NULL").count();
    }

    @Test
    void aCsvWithPandasUnnamedIndexColumnIsRead(@TempDir Path dir) throws IOException {
        // DataFrame.to_csv() writes its index under an empty header cell
        assertThat(scoredCsvRows(dir, ",prompt,response\n0,Why?,\"I'm sorry, but I can't help with that.\"\n",
                "response")).isEqualTo(1);
    }

    @Test
    void aParquetTablesOwnCorruptRecordColumnIsKeptAsItIs(@TempDir Path dir) {
        // as a table saved from an earlier permissive JSON read has it: its rows are not this run's parse errors
        String input = dir.resolve("saved.parquet").toString();
        spark.sql("SELECT 1L AS id, 'The capital of France is Paris.' AS response, 'old junk' AS _corrupt_record")
                .write().parquet(input);
        String output = dir.resolve("scored").toString();

        Run run = run("--input", input, "--format", "parquet", "--text-column", "response", "--output", output,
                "--model", model);

        assertThat(run.status()).as(run.err()).isZero();
        Row row = spark.read().parquet(output).select("_corrupt_record", "rejection_score", "rejection_error").first();
        assertThat(row.getString(0)).isEqualTo("old junk");
        assertThat(row.isNullAt(1)).isFalse();
        assertThat(row.isNullAt(2)).isTrue();
    }

    @Test
    void aTextColumnWithADotInItsNameIsThatColumnNotANestedField(@TempDir Path dir) throws IOException {
        assertThat(scoredCsvRows(dir, "id,response.text\n1,\"I'm sorry, but I can't help with that.\"\n",
                "response.text")).isEqualTo(1);
    }

    @Test
    void recordsSparkCannotParseKeepTheirPlaceUnscoredWithTheReason(@TempDir Path dir) throws IOException {
        // a folder of logs, read in other partitions than its files: the error still names the file
        Path json = Files.createDirectory(dir.resolve("logs"));
        Files.writeString(json.resolve("monday.jsonl"),
                "{\"id\": 1, \"response\": \"I'm sorry, but I can't help with that.\"}\n", StandardCharsets.UTF_8);
        Files.writeString(json.resolve("tuesday.jsonl"), String.join("\n",
                "{\"id\": 2, \"response\": \"cut off",
                "{\"id\": 3, \"response\": \"The capital of Australia is Canberra.\"}"), StandardCharsets.UTF_8);
        String jsonOut = dir.resolve("scored-json").toString();
        Run jsonRun = run("--input", json.toString(), "--format", "json", "--text-column", "response",
                "--output", jsonOut, "--output-format", "parquet", "--model", model, "--partitions", "3");
        assertThat(jsonRun.status()).as(jsonRun.err()).isZero();
        assertThat(jsonRun.out()).contains("scored 3 rows", "1 not scored");
        List<Row> jsonRows = spark.read().parquet(jsonOut).select("response", "rejection_score", "rejection_error")
                .collectAsList();
        assertThat(spark.read().parquet(jsonOut).columns()).doesNotContain(SparkScoreJob.CORRUPT);
        assertThat(jsonRows).filteredOn(r -> !r.isNullAt(2)).singleElement().satisfies(r -> {
            assertThat(r.getString(2))
                    .isEqualTo("malformed json record in tuesday.jsonl: {\"id\": 2, \"response\": \"cut off");
            assertThat(r.isNullAt(1)).isTrue();
        });

        // a row with a field too many would lose it, one with a field too few would read as a null text
        Path csv = dir.resolve("logs.csv");
        Files.writeString(csv, "id,response\n1,fine\n2,too,many\n3\n4,\"also fine\"\n", StandardCharsets.UTF_8);
        String csvOut = dir.resolve("scored-csv").toString();
        Run csvRun = run("--input", csv.toString(), "--format", "csv", "--text-column", "response",
                "--output", csvOut, "--output-format", "parquet", "--model", model);
        assertThat(csvRun.status()).as(csvRun.err()).isZero();
        List<Row> csvRows = spark.read().parquet(csvOut).orderBy("id").select("id", "rejection_error")
                .collectAsList();
        assertThat(csvRows).extracting(r -> r.getString(0)).containsExactly("1", "2", "3", "4");
        assertThat(csvRows).extracting(r -> r.getString(1)).containsExactly(null,
                "malformed csv record in logs.csv: 2,too,many", "malformed csv record in logs.csv: 3", null);
    }

    @Test
    void aModelThatFailsInsideAnExecutorsTaskIsStillAUsageError() {
        // on a cluster the model loads first in a task, and its failure reaches the driver wrapped by Spark
        var model = new dev.rejection.model.ModelException("m/config.json: no id2label");
        var jobFailure = new org.apache.spark.SparkException("Job aborted due to stage failure: ...",
                new RuntimeException("task failed", model));
        assertThat(SparkScoreJob.usageError(jobFailure)).isSameAs(model);
        assertThat(SparkScoreJob.usageError(new IllegalStateException("a bug"))).isNull();
    }

    @Test
    void aMissingColumnIsAUsageErrorAndNothingIsWritten(@TempDir Path dir) throws IOException {
        Path input = dir.resolve("logs.jsonl");
        Files.writeString(input, "{\"id\": 1, \"answer\": \"hi\"}\n", StandardCharsets.UTF_8);
        Path output = dir.resolve("scored");

        Run run = run("--input", input.toString(), "--format", "json", "--text-column", "response",
                "--output", output.toString(), "--model", model);

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("rejection spark-score: no column named response; the columns are answer, id\n");
        assertThat(output).doesNotExist();
    }

    @Test
    void aMissingInputOrModelIsAUsageError(@TempDir Path dir) {
        Run noInput = run("--input", dir.resolve("absent.parquet").toString(), "--format", "parquet",
                "--text-column", "response", "--output", dir.resolve("out").toString(), "--model", model);
        assertThat(noInput.status()).isEqualTo(2);
        assertThat(noInput.err()).startsWith("rejection spark-score: ").contains("absent.parquet");

        Run noModel = run("--input", dir.toString(), "--format", "parquet", "--text-column", "response",
                "--output", dir.resolve("out").toString(), "--model", dir.resolve("no-model").toString());
        assertThat(noModel.status()).isEqualTo(2);
        assertThat(noModel.err()).startsWith("rejection spark-score: ").contains("no-model");
    }

    @Test
    void aSettingTheDetectorRefusesIsAUsageError(@TempDir Path dir) {
        Run run = run("--input", dir.toString(), "--format", "json", "--text-column", "response",
                "--output", dir.resolve("out").toString(), "--model", model, "--threshold", "2");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).startsWith("threshold must be between 0 and 1, got 2.0");
    }

    @Test
    void aShippedModelIsFoundThroughSparkFiles(@TempDir Path dir) throws IOException {
        Path input = dir.resolve("logs.jsonl");
        Files.writeString(input, "{\"response\": \"I cannot help with that.\"}\n", StandardCharsets.UTF_8);
        String output = dir.resolve("scored").toString();

        Run run = run("--input", input.toString(), "--format", "json", "--text-column", "response",
                "--output", output, "--model", model, "--ship-model");

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(spark.read().json(output).where("rejection_score IS NOT NULL").count()).isEqualTo(1);
    }

    @Test
    void shippingNeedsAModelDirectory(@TempDir Path dir) {
        Run none = run("--input", dir.toString(), "--format", "json", "--text-column", "response",
                "--output", dir.resolve("out").toString(), "--ship-model");
        assertThat(none.status()).isEqualTo(2);
        assertThat(none.err()).startsWith("--ship-model needs --model to be a local directory; there is no --model");

        Run hubId = run("--input", dir.toString(), "--format", "json", "--text-column", "response",
                "--output", dir.resolve("out").toString(), "--ship-model", "--model", "org/name");
        assertThat(hubId.status()).isEqualTo(2);
        assertThat(hubId.err()).startsWith("--ship-model needs --model to be a local directory; org/name is not one");
    }

    @Test
    void sentenceModeAddsTheDecidingSpan(@TempDir Path dir) throws IOException {
        Path input = dir.resolve("logs.jsonl");
        Files.writeString(input, String.join("\n",
                "{\"id\": 1, \"response\": \"The capital is Canberra. I'm sorry, but I can't help with the rest.\"}",
                "{\"id\": 2, \"response\": null}"), StandardCharsets.UTF_8);
        String output = dir.resolve("scored").toString();

        Run run = run("--input", input.toString(), "--format", "json", "--text-column", "response",
                "--output", output, "--output-format", "parquet", "--model", model, "--mode", "Sentence");

        assertThat(run.status()).as(run.err()).isZero();
        Dataset<Row> scored = spark.read().parquet(output).orderBy("id");
        assertThat(scored.columns()).containsExactly("id", "response", "rejection_score", "rejection_label",
                "rejection", "rejection_span_start", "rejection_span_end", "rejection_span", "rejection_error",
                "rejection_gated");
        List<Row> rows = scored.collectAsList();
        Row text = rows.get(0);
        String response = text.getString(1);
        assertThat(text.getString(7)).isIn("The capital is Canberra.", "I'm sorry, but I can't help with the rest.")
                .isEqualTo(response.substring(text.getInt(5), text.getInt(6)));
        assertThat(rows.get(1).isNullAt(7)).isTrue();
        assertThat(rows.get(1).getString(8)).isEqualTo("column response is null");
    }

    @Test
    void aBadModeOrStrideIsAUsageErrorThatSaysWhy(@TempDir Path dir) {
        String[] common = {"--input", dir.toString(), "--format", "json", "--text-column", "response",
                "--output", dir.resolve("out").toString(), "--model", model};

        Run badMode = run(with(common, "--mode", "paragraph"));
        assertThat(badMode.status()).isEqualTo(2);
        assertThat(badMode.err()).startsWith("Invalid value for option '--mode': unknown match mode 'paragraph': "
                + "choose full, sentence, window or deep");

        Run strideWithoutWindows = run(with(common, "--mode", "sentence", "--stride", "8"));
        assertThat(strideWithoutWindows.status()).isEqualTo(2);
        assertThat(strideWithoutWindows.err()).startsWith("a stride applies to window and deep mode only, not to sentence mode");

        Run negative = run(with(common, "--mode", "window", "--stride", "-1"));
        assertThat(negative.status()).isEqualTo(2);
        assertThat(negative.err()).startsWith("stride must be at least 0, got -1");

        // only the model knows how long its windows are: the job asks it before reading anything
        Run tooLong = run(with(common, "--mode", "window", "--stride", "5000"));
        assertThat(tooLong.status()).isEqualTo(2);
        assertThat(tooLong.err()).startsWith("rejection spark-score: stride 5000 must be below the window of ");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void aPromptColumnForAModelTrainedOnAnswersAloneIsAUsageError(@TempDir Path dir) throws IOException {
        Path input = dir.resolve("logs.jsonl");
        Files.writeString(input, "{\"prompt\": \"Why?\", \"response\": \"Because.\"}\n", StandardCharsets.UTF_8);
        Path output = dir.resolve("out");

        Run run = run("--input", input.toString(), "--format", "json", "--text-column", "response",
                "--prompt-column", "prompt", "--output", output.toString(), "--model", model);

        // read alone, the answers would be scored as if there were no prompts, and nothing would say so
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).startsWith("rejection spark-score: --prompt-column: the model " + model
                + " was trained on answers alone");
        assertThat(output).doesNotExist();
    }

    private static String[] with(String[] common, String... more) {
        String[] args = java.util.Arrays.copyOf(common, common.length + more.length);
        System.arraycopy(more, 0, args, common.length, more.length);
        return args;
    }
}
