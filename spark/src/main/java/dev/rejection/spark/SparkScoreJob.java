package dev.rejection.spark;

import dev.rejection.detect.mode.MatchMode;
import dev.rejection.detect.mode.ModeDetector;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;

/**
 * The {@code spark-score} job: reads a table, adds the rejection columns, writes it out. Runs on a local master
 * from the {@code rejection} launcher, or on a cluster with
 * {@code spark-submit --class dev.rejection.spark.SparkScoreJob rejection-spark.jar ...}.
 */
@Command(name = "rejection spark-score", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Score a Parquet, JSON Lines or CSV table on Apache Spark: every row is written out with "
                + "rejection_score, rejection_label, rejection, rejection_error (why a row could not be scored: "
                + "a null, empty or non-string text) and rejection_gated (the evidence gate overruled the model); in "
                + "sentence, window and deep mode also rejection_span_start, rejection_span_end and rejection_span, "
                + "the part of the text that decided."},
        footer = {"", "Exit status: 0 the table was scored (rows that could not be scored are counted and kept); "
                + "2 usage error (bad option, missing input or column, unloadable model; nothing written); 1 the job "
                + "failed otherwise (Spark's error is printed)."})
public final class SparkScoreJob implements Callable<Integer> {
    /** Input and output formats. */
    enum Format { parquet, json, csv }

    /** Where permissive reading puts a record it could not parse; dropped from the output. */
    static final String CORRUPT = "_corrupt_record";
    /** The file a record came from, kept beside a record that may be malformed until its error names it. */
    private static final String SOURCE_FILE = "_rejection_source_file";

    @Option(names = "--input", required = true, paramLabel = "PATH",
            description = "Input file or folder (any path Spark reads: local, hdfs://, s3a://, ...).")
    String input;

    @Option(names = "--format", required = true, paramLabel = "FORMAT",
            description = "Input format: parquet, json (JSON Lines) or csv (with a header row; RFC 4180 quotes).")
    Format format;

    @Option(names = "--text-column", required = true, paramLabel = "C", description = "Column holding the texts.")
    String textColumn;

    @Option(names = "--prompt-column", paramLabel = "C",
            description = "Column holding the prompt each answer replied to: the answer is read after it as a text "
                    + "pair (null prompts: read alone), by a model trained on pairs (others refuse it). Default: "
                    + "answers read alone.")
    String promptColumn;

    @Option(names = "--output", required = true, paramLabel = "PATH", description = "Output folder.")
    String output;

    @Option(names = "--output-format", paramLabel = "FORMAT", description = "Output format (default: --format).")
    Format outputFormat;

    @Option(names = "--overwrite", description = "Replace the output folder if it exists.")
    boolean overwrite;

    @Option(names = {"-m", "--model"}, paramLabel = "MODEL",
            description = "Model: a directory every executor can read, a Hub id org/name[@revision] (found in or "
                    + "downloaded into each executor's Hugging Face cache), or sparkfiles:NAME for a model shipped "
                    + "in spark.archives (--archives MODEL.zip#NAME, or --ship-model). Default: the embedded detector "
                    + "inside the job jar.")
    String model;

    @Option(names = "--ship-model", description = "Ship the --model directory from the driver to every executor "
            + "(as a zip listed in spark.archives), for clusters that share no file system.")
    boolean shipModel;

    @Option(names = "--onnx-file", paramLabel = "PATH", description = "ONNX file inside the model directory.")
    String onnxFile;

    @Option(names = "--threshold", paramLabel = "P", defaultValue = "0.5",
            description = "Probability above which a text is a rejection (default: ${DEFAULT-VALUE}).")
    double threshold;

    @Option(names = "--max-length", paramLabel = "N", defaultValue = "0",
            description = "Cut texts to N tokens (default: the model's maximum).")
    int maxLength;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "0",
            description = "Texts per model call (default: the detector's).")
    int batchSize;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "ONNX Runtime threads per model call (default: ${DEFAULT-VALUE}; Spark runs a task per "
                    + "core).")
    int threads;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "full", converter = MatchModeConverter.class,
            description = "full (the whole text, truncated to the max length: the model card's behaviour), sentence "
                    + "(every sentence, score = the highest), window (token windows over the whole text, up to the "
                    + "answer's closing when it is longer than a window, of the model's window length (128 tokens for "
                    + "the embedded default) or else the max length, score = the highest) or deep (the full read, and "
                    + "over what it cuts off a long text token windows and a window ending with each paragraph or run "
                    + "of short paragraphs, up to the answer's closing). Sentence, window and deep add the deciding "
                    + "span's columns. Default: ${DEFAULT-VALUE}.")
    MatchMode mode;

    @Option(names = "--stride", paramLabel = "N",
            description = "Tokens shared by consecutive windows in --mode window or deep (default: "
                    + ModeDetector.DEFAULT_STRIDE + ", or half the window when that is smaller).")
    Integer stride;

    @Option(names = "--partitions", paramLabel = "N",
            description = "Spread the input over N partitions before scoring (default: as read).")
    Integer partitions;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master, e.g. local[*] (default: spark-submit's, else local[*]).")
    String master;

    private final BiFunction<String, ShippedModel, SparkSession> sessions;
    private final boolean stopSession;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * @param sessions    the session for a master URL (null: spark-submit's or local[*]) that ships a model (null:
     *                    none) to its executors
     * @param stopSession whether the job stops the session when done (not when it was lent one)
     */
    SparkScoreJob(BiFunction<String, ShippedModel, SparkSession> sessions, boolean stopSession) {
        this.sessions = sessions;
        this.stopSession = stopSession;
    }

    public static void main(String[] args) {
        System.exit(commandLine(new SparkScoreJob(SparkScoreJob::session, true)).execute(args));
    }

    /** {@link MatchMode#parse}, so that a bad --mode gets its message (which lists the modes). */
    static final class MatchModeConverter implements CommandLine.ITypeConverter<MatchMode> {
        @Override
        public MatchMode convert(String value) {
            try {
                return MatchMode.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static CommandLine commandLine(SparkScoreJob job) {
        return new CommandLine(job).setCaseInsensitiveEnumValuesAllowed(true);
    }

    private static SparkSession session(String master, ShippedModel shipped) {
        SparkSession.Builder builder = SparkSession.builder().appName("rejection spark-score");
        SparkConf submitted = new SparkConf(); // what spark-submit set, if it runs this
        if (master != null) {
            builder.master(master);
        } else if (!submitted.contains("spark.master")) {
            builder.master("local[*]"); // not under spark-submit
        }
        if (shipped != null) {
            builder.config(ShippedModel.ARCHIVES, shipped.conf(submitted.get(ShippedModel.ARCHIVES, null)));
        }
        return builder.getOrCreate();
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        DetectorSpec detector;
        try {
            detector = detectorSpec(model);
            if (shipModel && (model == null || !Files.isDirectory(Path.of(model)))) {
                throw new IllegalArgumentException("--ship-model needs --model to be a local directory; "
                        + (model == null ? "there is no --model" : model + " is not one"));
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        ShippedModel shipped = shipModel ? ShippedModel.pack(Path.of(model)) : null;
        SparkSession spark = sessions.apply(master, shipped);
        try {
            if (shipped != null) {
                shipped.requireIn(spark);
                detector = detectorSpec(shipped.model());
            }
            if (spark.sparkContext().isLocal()) {
                // the driver is the executor: load the model and fit the mode to it now, so that a bad model,
                // stride or prompt column is reported before any work (on a cluster, the first task reports it)
                TextScorer.of(detector, promptColumn != null);
            }
            Dataset<Row> table = read(spark, format, input);
            java.util.List<String> columns = java.util.Arrays.asList(table.columns());
            // (without the text column the transformer says so, naming the columns there are; a Parquet table's
            // own _corrupt_record, saved from an earlier permissive read, is the user's column, kept as it is)
            boolean maybeCorrupt = format != Format.parquet && columns.contains(CORRUPT)
                    && columns.contains(textColumn);
            if (maybeCorrupt) { // a record Spark could not parse keeps its place, unscored, with the reason
                // and its file (an input folder may hold many; Spark's readers keep no line numbers), taken from
                // the file scan's metadata before a repartition hides it
                table = table.withColumn(textColumn, when(col(CORRUPT).isNull(), column(textColumn)))
                        .withColumn(SOURCE_FILE, col("_metadata.file_name"));
            }
            if (partitions != null) {
                table = table.repartition(partitions);
            }
            Dataset<Row> scored = new RejectionTransformer(detector, textColumn).withPromptColumn(promptColumn)
                    .transform(table);
            if (maybeCorrupt) {
                scored = scored.withColumn(RejectionColumns.ERROR, when(col(CORRUPT).isNotNull(),
                                concat(lit("malformed " + format + " record in "), col(SOURCE_FILE), lit(": "),
                                        substring(col(CORRUPT), 1, 80)))
                                .otherwise(col(RejectionColumns.ERROR)))
                        .drop(CORRUPT, SOURCE_FILE);
            }
            Format out = outputFormat != null ? outputFormat : format;
            writer(scored, out).save(output);
            Row counts = reader(spark, out).schema(scored.schema()).load(output)
                    .selectExpr("count(*)", "count_if(rejection)", "count(rejection_error)").first();
            spec.commandLine().getOut().printf("scored %d rows into %s: %d rejections, %d not scored (see "
                    + "rejection_error)%n", counts.getLong(0), output, counts.getLong(1), counts.getLong(2));
            spec.commandLine().getOut().flush();
            return 0;
        } catch (Exception e) {
            Throwable usage = usageError(e);
            if (usage == null) {
                throw e;
            }
            err.println("rejection spark-score: " + usage.getMessage());
            return 2;
        } finally {
            if (stopSession) {
                spark.stop();
            }
        }
    }

    /**
     * What the user can fix (a missing path or column, an existing output, a model that cannot be loaded), found in
     * {@code e} or its causes: on a cluster the model is first loaded in the executors' tasks, and its failure
     * reaches the driver inside Spark's job failure; null when there is none.
     */
    static Throwable usageError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) { // getCause() is null, never t itself, at the end
            if (t instanceof AnalysisException || t instanceof IllegalArgumentException
                    || t instanceof dev.rejection.model.ModelException || t instanceof dev.rejection.hub.HubException) {
                return t;
            }
        }
        return null;
    }

    /** The top-level column of that name, even when it holds a dot ({@code col} would read a nested field). */
    private static org.apache.spark.sql.Column column(String name) {
        return col("`" + name.replace("`", "``") + "`");
    }

    /** The settings of the options, for the model found as {@code located} (null: the embedded default). */
    private DetectorSpec detectorSpec(String located) {
        return new DetectorSpec(located, onnxFile, threshold, maxLength, batchSize, threads, mode, stride);
    }

    /**
     * The input, read permissively: a JSON line or CSV row Spark cannot parse (a CSV row of more or fewer fields than
     * the header) comes back whole in {@link #CORRUPT}, rather than with its extra fields dropped or its missing ones
     * null, and nothing said. For CSV the column has to be in the schema: the header's, all strings, as without it.
     */
    private static Dataset<Row> read(SparkSession spark, Format format, String input) {
        if (format == Format.parquet) {
            return reader(spark, format).load(input);
        }
        DataFrameReader reader = reader(spark, format).option("mode", "PERMISSIVE")
                .option("columnNameOfCorruptRecord", CORRUPT);
        if (format == Format.csv) {
            reader = reader.schema(reader(spark, format).load(input).schema().add(CORRUPT, DataTypes.StringType));
        }
        return reader.load(input);
    }

    private static DataFrameReader reader(SparkSession spark, Format format) {
        DataFrameReader reader = spark.read().format(format.name());
        return format == Format.csv ? reader.options(csvOptions()) : reader;
    }

    private org.apache.spark.sql.DataFrameWriter<Row> writer(Dataset<Row> scored, Format format) {
        var writer = scored.write().format(format.name())
                .mode(overwrite ? SaveMode.Overwrite : SaveMode.ErrorIfExists);
        return format == Format.csv ? writer.options(csvOptions()) : writer;
    }

    /**
     * A header row, quotes doubled inside quoted fields (RFC 4180, as most tools write), newlines inside texts. Spark
     * takes the columns of a folder's first file and reads the others' by position; its header check
     * ({@code enforceSchema=false}) would refuse pandas' unnamed index column ({@code ,prompt,response}), so the
     * README asks for one column order per folder.
     */
    private static java.util.Map<String, String> csvOptions() {
        return java.util.Map.of("header", "true", "escape", "\"", "multiLine", "true");
    }
}
