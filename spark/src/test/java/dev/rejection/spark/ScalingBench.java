package dev.rejection.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How scoring throughput grows with Spark's worker threads: scores the same cached, evenly partitioned table on
 * each master in turn (local[1], then local[2]) and prints rows per second, the median of several runs, and the
 * ratio. A main, not a test: timings belong to a quiet machine, not to CI.
 *
 * <pre>
 * ScalingBench MODEL_DIR [ROWS=400] [REPEATS=3] [PARTITIONS=8] [MASTERS=local[1],local[2]]
 * </pre>
 *
 * <p>A master may also be a standalone cluster's, {@code spark://HOST:PORT#N}, where {@code N} caps the cores the
 * application takes ({@code spark.cores.max}): on the cluster of {@code spark/cluster/start.sh}, with one-core
 * workers, {@code #1} is one executor JVM on one worker and {@code #2} one on each. There the model is shipped
 * ({@link ShippedModel}) and the executors get the job jar that holds this module's classes ({@code spark.jars});
 * the CPU figures below are the driver's, so they are printed for local masters only.
 *
 * <p>On a machine that other work shares, wall-clock rows/s measure the share of the cores this JVM got as much as
 * the code, so each run also reports the process's CPU time: {@code cores} is CPU seconds per wall second (how
 * many cores the run really had) and {@code rows/cpu-s} the work per CPU second, which stays flat from one worker
 * thread to two when the threads do not get in each other's way (no locks, no oversubscription); then wall-clock
 * scaling on free cores is the thread count times that ratio.
 *
 * <p>The texts are the short answers of {@link SampleTexts} (the long one left out, so that every batch costs about
 * the same). The model loads once (the executor cache outlives the sessions) and each master gets a warm-up run.
 */
public final class ScalingBench {
    private ScalingBench() {
    }

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: ScalingBench MODEL_DIR [ROWS=400] [REPEATS=3] [PARTITIONS=8] "
                    + "[MASTERS=local[1],local[2]]");
            System.exit(2);
        }
        String model = args[0];
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 400;
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int partitions = args.length > 3 ? Integer.parseInt(args[3]) : 8;
        List<String> masters = Arrays.asList((args.length > 4 ? args[4] : "local[1],local[2]").split(","));
        Map<String, Double> medians = new LinkedHashMap<>();
        Map<String, Double> cpuMedians = new LinkedHashMap<>();
        for (String master : masters) {
            boolean cluster = master.startsWith("spark://");
            ShippedModel shipped = cluster ? ShippedModel.pack(Path.of(model)) : null;
            SparkSession spark = session(master, shipped);
            try {
                String located = cluster ? shipped.model() : model;
                RejectionTransformer transformer = new RejectionTransformer(DetectorSpec.of(located), "response");
                Dataset<Row> table = table(spark, rows, partitions).cache();
                table.count();
                // warm-up: a whole pass, so that every executor has loaded its model and compiled the hot code
                // before the timed runs (each executor JVM warms up on its own)
                score(transformer, table);
                double[] rates = new double[repeats];
                double[] cpuRates = new double[repeats];
                for (int r = 0; r < repeats; r++) {
                    double load = systemLoad();
                    long cpuStart = processCpuNanos();
                    long start = System.nanoTime();
                    score(transformer, table);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
                    rates[r] = rows / seconds;
                    cpuRates[r] = rows / cpuSeconds;
                    String cpu = cluster ? "" : String.format(Locale.ROOT, "; %.2f cores, %8.1f rows/cpu-s",
                            cpuSeconds / seconds, cpuRates[r]);
                    System.out.printf(Locale.ROOT, "%-9s run %d: %6d rows in %6.2f s = %8.1f rows/s%s (load average "
                                    + "before %.1f, after %.1f)%n", master, r + 1, rows, seconds, rates[r], cpu, load,
                            systemLoad());
                }
                Arrays.sort(rates);
                Arrays.sort(cpuRates);
                medians.put(master, rates[repeats / 2]);
                cpuMedians.put(master, cpuRates[repeats / 2]);
                System.out.printf(Locale.ROOT, "%-9s median %.1f rows/s, %.1f rows/cpu-s%n", master,
                        rates[repeats / 2], cpuRates[repeats / 2]);
            } finally {
                spark.stop();
            }
        }
        if (medians.size() > 1) {
            List<Double> values = new ArrayList<>(medians.values());
            List<Double> cpu = new ArrayList<>(cpuMedians.values());
            System.out.printf(Locale.ROOT, "scaling %s / %s: wall clock %.2fx, work per CPU second %.2fx, on %d "
                            + "available processors%n", masters.get(1), masters.get(0), values.get(1) / values.get(0),
                    cpu.get(1) / cpu.get(0), Runtime.getRuntime().availableProcessors());
        }
        System.exit(0); // the detectors' ONNX sessions are not daemon-owned; nothing else to wait for
    }

    /** A session on {@code master}; for {@code spark://HOST:PORT#N}, one that takes N cores of that cluster. */
    private static SparkSession session(String master, ShippedModel shipped) {
        SparkSession.Builder builder = SparkSession.builder().appName("rejection scaling bench")
                .config("spark.ui.enabled", false).config("spark.driver.host", "127.0.0.1");
        int cores = master.indexOf('#');
        if (!master.startsWith("spark://")) {
            return builder.master(master).getOrCreate();
        }
        if (cores < 0) {
            throw new IllegalArgumentException("a cluster master needs its cores: spark://HOST:PORT#N, got " + master);
        }
        String jar = DetectorSpec.class.getProtectionDomain().getCodeSource().getLocation().getPath();
        if (!jar.endsWith(".jar")) {
            throw new IllegalStateException("executors need this module's classes as a jar; put the job jar "
                    + "(spark/target/rejection-spark.jar) before any classes folder on the classpath, not " + jar);
        }
        return builder.master(master.substring(0, cores)).config("spark.cores.max", master.substring(cores + 1))
                .config("spark.jars", jar).config(ShippedModel.ARCHIVES, shipped.archive())
                // start scoring only when every executor asked for is there, so that no run measures fewer
                .config("spark.scheduler.minRegisteredResourcesRatio", "1.0")
                .config("spark.scheduler.maxRegisteredResourcesWaitingTime", "180s")
                .getOrCreate();
    }

    private static Dataset<Row> table(SparkSession spark, int rows, int partitions) {
        List<String> shortAnswers = SampleTexts.ANSWERS.subList(0, SampleTexts.ANSWERS.size() - 1);
        List<Row> data = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            data.add(RowFactory.create((long) i, shortAnswers.get(i % shortAnswers.size()) + " (" + i + ")"));
        }
        StructType schema = new StructType().add("id", DataTypes.LongType).add("response", DataTypes.StringType);
        return spark.createDataFrame(data, schema).repartition(partitions);
    }

    /** Scores every row and throws the result away (the noop sink still computes every column). */
    private static void score(RejectionTransformer transformer, Dataset<Row> table) {
        transformer.transform(table).write().format("noop").mode("overwrite").save();
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double systemLoad() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
