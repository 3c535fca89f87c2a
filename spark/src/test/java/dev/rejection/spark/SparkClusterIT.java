package dev.rejection.spark;

import dev.rejection.detect.RejectionDetector;
import dev.rejection.detect.Verdict;
import dev.rejection.testing.FakeHub;
import dev.rejection.testing.StandIns;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code spark-score} on a real standalone cluster: a master and two one-core workers, each its own JVM
 * ({@code spark/cluster/start.sh}), the job submitted by Spark's own SparkSubmit with the job jar, so that the job,
 * its settings and its model reach the executors only as they would on a cluster of separate machines.
 *
 * <p>Runs in the {@code integration-test} phase (it needs the job jar); {@code -Dcluster.rows=20000} for the full
 * table (CI scores 2,000). Scores are compared with the core detector's on the same texts in this JVM: the same
 * ONNX model on the same inputs, so they agree to float rounding ({@value #TOLERANCE}; batches of different
 * lengths pad differently, which moves a softmax in the seventh digit at most).
 */
class SparkClusterIT {
    private static final int WORKERS = 2;
    private static final int ROWS = Integer.getInteger("cluster.rows", 2_000);
    /** How long one job may take: a minute or two on a free 2-core machine, far more on a busy one. */
    private static final int JOB_MINUTES = Integer.getInteger("cluster.jobMinutes", 15);
    private static final double TOLERANCE = 1e-5;
    /** Partitions the fault test scores: enough that killing an executor early leaves work to retry. */
    private static final int PARTITIONS = 40;
    /** {@link ExecutorDetectors#LOG_LINE} as a pattern: model, pid, executor id, load number. */
    private static final Pattern LOAD = Pattern.compile(
            "rejection model (\\S+(?: \\S+)?) loaded in pid (\\d+) \\(executor (\\d+)\\): load (\\d+) in this JVM");
    private static final Pattern APP_ID = Pattern.compile("app ID (app-[0-9-]+)");

    private static Path root;
    private static LocalCluster cluster;
    private static SparkSession local;
    private static Path model;
    private static Path table;
    private static List<String> texts;

    @BeforeAll
    static void start() throws Exception {
        Path tiny = StandIns.tiny();
        root = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "cluster-");
        // the driver's copy, under a name of its own: executors must get it from Spark, by that name
        model = root.resolve("driver-only/tiny-model");
        copyTree(tiny, model);
        cluster = LocalCluster.start(root.resolve("cluster"), WORKERS);
        local = SharedSpark.session();
        texts = new ArrayList<>(ROWS);
        List<Row> rows = new ArrayList<>(ROWS);
        for (int i = 0; i < ROWS; i++) {
            String text = i % 97 == 13 ? null : SampleTexts.answer(i); // some rows have no text
            texts.add(text);
            rows.add(RowFactory.create((long) i, text));
        }
        table = root.resolve("input.parquet");
        local.createDataFrame(rows, new StructType().add("id", DataTypes.LongType).add("response",
                DataTypes.StringType)).repartition(8).write().parquet(table.toString());
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aShippedModelScoresEveryRowOnceAsTheCoreDetectorDoes() throws Exception {
        Path output = root.resolve("shipped.parquet");
        LocalCluster.Job job = cluster.submit("shipped", List.of(), List.of("--input", table.toString(),
                "--format", "parquet", "--text-column", "response", "--output", output.toString(),
                "--model", model.toString(), "--ship-model"), Map.of());

        assertThat(job.await(JOB_MINUTES)).as(job.output()).isZero();
        Map<Long, Double> scores = scores(output);
        assertThat(scores).hasSize(ROWS);
        try (RejectionDetector detector = RejectionDetector.load(model)) {
            assertScoresEqual(scores, detector);
        }
        String app = appId(job);
        // each worker's executor fetched its own copy from the driver and unpacked it into its work directory
        // one load per executor JVM, from the shipped copy, named by the folder and its content's checksum
        List<Load> loads = loads(app);
        assertThat(loads).extracting(Load::model).allMatch(m -> m.matches("sparkfiles:tiny-model-[0-9a-f]{8}"))
                .containsOnly(loads.get(0).model());
        String name = loads.get(0).model().substring("sparkfiles:".length());
        for (int n = 1; n <= WORKERS; n++) {
            String unpacked = "Unpacking an archive spark://\\S+/" + Pattern.quote(name + ".zip#" + name) + " .* to "
                    + Pattern.quote(cluster.worker(n).resolve("work").resolve(app).toString()) + "/\\d+/\\./"
                    + Pattern.quote(name);
            List<Path> logs = cluster.executorLogs(n).stream().filter(log -> log.toString().contains(app)).toList();
            assertThat(logs).as("worker %d's executors", n).hasSize(1);
            assertThat(Files.readString(logs.get(0))).as(logs.get(0).toString()).containsPattern(unpacked);
            assertThat(logs.get(0).resolveSibling(name + "/config.json")).exists();
        }
        assertThat(loads).extracting(Load::number).containsOnly(1);
        assertThat(loads).extracting(Load::pid).doesNotHaveDuplicates().hasSize(WORKERS);
    }

    @Test
    void whenAnExecutorIsKilledMidJobItsTasksAreRetriedAndNoRowIsLostOrDoubled() throws Exception {
        Path output = root.resolve("fault.parquet");
        LocalCluster.Job job = cluster.submit("fault", List.of(), List.of("--input", table.toString(),
                "--format", "parquet", "--text-column", "response", "--output", output.toString(),
                "--model", model.toString(), "--ship-model", "--partitions", Integer.toString(PARTITIONS)), Map.of());

        // worker 2's executor, once it has loaded the model and is scoring its first partition
        Load victim = awaitLoad(job, 2);
        ProcessHandle executor = ProcessHandle.of(victim.pid()).orElseThrow();
        assertThat(executor.parent().map(ProcessHandle::pid)).as("a child of worker 2")
                .contains(cluster.workerPid(2));
        executor.destroyForcibly(); // SIGKILL: no goodbye to the driver

        assertThat(job.await(JOB_MINUTES)).as(job.output()).isZero();
        String driverLog = job.output();
        Matcher lost = Pattern.compile("Lost task (\\d+)\\.0 in stage (\\d+)\\.0 \\(TID \\d+\\) \\(127\\.0\\.0\\.1 "
                + "executor " + victim.executor() + "\\)").matcher(driverLog);
        assertThat(lost.find()).as("the driver reports the killed executor's task lost:\n" + driverLog).isTrue();
        // again: as the task's next attempt, or in the stage's next attempt (when the executor's shuffle output
        // went with it, Spark reruns the stage that made it and then this one)
        assertThat(driverLog).as("and runs it again").containsPattern("Starting task " + lost.group(1)
                + "\\.(?:[1-9]\\d*) in stage " + lost.group(2) + "\\.\\d+|Starting task " + lost.group(1)
                + "\\.\\d+ in stage " + lost.group(2) + "\\.[1-9]");
        // the file output committer kept only committed task attempts: every row once, nothing left half-written
        Map<Long, Double> scores = scores(output);
        try (RejectionDetector detector = RejectionDetector.load(model)) {
            assertScoresEqual(scores, detector);
        }
        assertThat(output.resolve("_SUCCESS")).exists();
        assertThat(output.resolve("_temporary")).doesNotExist();
    }

    /** Waits until an executor on worker {@code n} of the job's application has logged its model load. */
    private static Load awaitLoad(LocalCluster.Job job, int n) throws Exception {
        long deadline = System.nanoTime() + JOB_MINUTES * 60_000_000_000L;
        for (; System.nanoTime() < deadline; Thread.sleep(20)) {
            assertThat(job.process().isAlive()).as("the job ended before worker %d's executor loaded its model:\n%s",
                    n, job.output()).isTrue();
            Matcher app = APP_ID.matcher(job.output());
            if (!app.find()) {
                continue;
            }
            for (Path log : cluster.executorLogs(n)) {
                if (log.toString().contains(app.group(1))) {
                    Matcher m = LOAD.matcher(Files.readString(log));
                    if (m.find()) {
                        return new Load(m.group(1), Long.parseLong(m.group(2)), m.group(3),
                                Integer.parseInt(m.group(4)));
                    }
                }
            }
        }
        throw new AssertionError("worker " + n + "'s executor loaded no model in " + JOB_MINUTES + " minutes");
    }

    @Test
    void aHubIdIsResolvedOnTheExecutorsFromTheHub() throws Exception {
        Path output = root.resolve("hub.parquet");
        Path driverHome = Files.createDirectories(root.resolve("driver-hf-home"));
        try (FakeHub hub = FakeHub.start().model("test-org/tiny-rejection", "main",
                "0123456789abcdef0123456789abcdef01234567", model)) {
            LocalCluster.Job job = cluster.submit("hub", List.of(
                    "--conf", "spark.executorEnv.HF_ENDPOINT=" + hub.endpoint(),
                    // relative: each executor's own cache, in its work directory
                    "--conf", "spark.executorEnv.HF_HOME=hf-home"), List.of("--input", table.toString(),
                    "--format", "parquet", "--text-column", "response", "--output", output.toString(),
                    "--model", "test-org/tiny-rejection"), Map.of("HF_HOME", driverHome.toString()));

            assertThat(job.await(JOB_MINUTES)).as(job.output()).isZero();
            List<Load> loads = loads(appId(job));
            assertThat(loads).extracting(Load::model).containsOnly("test-org/tiny-rejection");
            // every executor downloaded the weights once, into its own cache (the Hub redirects an LFS file, the
            // only kind here is model.onnx, to its CDN, where the bytes are fetched); the driver never did
            assertThat(hub.requests().stream().filter(r -> r.server().equals("cdn") && r.method().equals("GET")))
                    .hasSize(loads.size());
        }
        assertThat(driverHome).isEmptyDirectory();
        try (RejectionDetector detector = RejectionDetector.load(model)) {
            assertScoresEqual(scores(output), detector);
        }
    }

    @Test
    void withoutAModelTheEmbeddedDefaultRunsOnTheExecutors() throws Exception {
        Path output = root.resolve("default.parquet");
        LocalCluster.Job job = cluster.submit("default", List.of(), List.of("--input", table.toString(),
                "--format", "parquet", "--text-column", "response", "--output", output.toString()), Map.of());

        assertThat(job.await(JOB_MINUTES)).as(job.output()).isZero();
        assertThat(loads(appId(job))).extracting(Load::model).containsOnly("(embedded default)");
        try (RejectionDetector detector = RejectionDetector.loadDefault()) {
            assertScoresEqual(scores(output), detector);
        }
    }

    private static void assertScoresEqual(Map<Long, Double> scores, RejectionDetector detector) {
        List<Long> ids = new ArrayList<>();
        List<String> scored = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            if (texts.get(i) != null) {
                ids.add((long) i);
                scored.add(texts.get(i));
            } else {
                assertThat(scores.get((long) i)).as("row %d has no text", i).isNull();
            }
        }
        List<Verdict> expected = detector.classify(scored);
        for (int k = 0; k < ids.size(); k++) {
            assertThat(scores.get(ids.get(k))).as("row %d", ids.get(k))
                    .isCloseTo(expected.get(k).score(), org.assertj.core.data.Offset.offset(TOLERANCE));
        }
    }

    /** id → score of an output table, after checking that every id is there exactly once. */
    private static Map<Long, Double> scores(Path output) {
        List<Row> rows = local.read().parquet(output.toString()).select("id", "rejection_score").collectAsList();
        Map<Long, Double> scores = new HashMap<>();
        for (Row row : rows) {
            assertThat(scores.containsKey(row.getLong(0))).as("id %d twice", row.getLong(0)).isFalse();
            scores.put(row.getLong(0), row.isNullAt(1) ? null : row.getDouble(1));
        }
        assertThat(new TreeSet<>(scores.keySet())).as("ids").hasSize(ROWS).first().isEqualTo(0L);
        assertThat(new TreeSet<>(scores.keySet()).last()).isEqualTo(ROWS - 1L);
        return scores;
    }

    private record Load(String model, long pid, String executor, int number) {
    }

    /** The model loads the executors of an application logged. */
    private static List<Load> loads(String appId) throws IOException {
        List<Load> loads = new ArrayList<>();
        for (Path log : cluster.executorLogs(appId, WORKERS)) {
            Matcher m = LOAD.matcher(Files.readString(log));
            while (m.find()) {
                loads.add(new Load(m.group(1), Long.parseLong(m.group(2)), m.group(3), Integer.parseInt(m.group(4))));
            }
        }
        return loads;
    }

    private static String appId(LocalCluster.Job job) throws IOException {
        Matcher m = APP_ID.matcher(job.output());
        assertThat(m.find()).as("the driver names its application:\n" + job.output()).isTrue();
        return m.group(1);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }
}
