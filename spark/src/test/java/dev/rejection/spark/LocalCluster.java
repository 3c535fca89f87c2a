package dev.rejection.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Test fixture: the standalone cluster of {@code spark/cluster/} (a master and workers, each its own JVM, on
 * loopback), and jobs submitted to it with {@code spark/cluster/submit.sh}, Spark's own SparkSubmit. Closing it
 * stops every JVM it started; should the test JVM die first, the cluster's watchdog stops them (OWNER_PID).
 */
final class LocalCluster implements AutoCloseable {
    private static final Path SCRIPTS = Path.of("cluster").toAbsolutePath();

    private final Path dir;
    private final String masterUrl;

    private LocalCluster(Path dir, String masterUrl) {
        this.dir = dir;
        this.masterUrl = masterUrl;
    }

    /** Starts a master and {@code workers} workers of one core each under {@code dir}. */
    static LocalCluster start(Path dir, int workers) throws IOException, InterruptedException {
        ProcessBuilder start = new ProcessBuilder(SCRIPTS.resolve("start.sh").toString(), dir.toString())
                .redirectErrorStream(true);
        start.environment().put("WORKERS", Integer.toString(workers));
        start.environment().put("OWNER_PID", Long.toString(ProcessHandle.current().pid()));
        Process process = start.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("start.sh failed (it stopped what it had started):\n" + out);
        }
        return new LocalCluster(dir, Files.readString(dir.resolve("master-url")).strip());
    }

    String masterUrl() {
        return masterUrl;
    }

    Path worker(int n) {
        return dir.resolve("worker" + n);
    }

    long workerPid(int n) throws IOException {
        return Long.parseLong(Files.readString(dir.resolve("pids/worker" + n + ".pid")).strip());
    }

    /** A job submitted to the cluster: its driver process and where its output goes. */
    record Job(Process process, Path log) {
        /** Waits for the driver; its exit status. */
        int await(long minutes) throws InterruptedException {
            if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("the job did not end in " + minutes + " min; log: " + log);
            }
            return process.exitValue();
        }

        String output() throws IOException {
            return Files.readString(log);
        }
    }

    /** Starts {@code spark-submit} (submit.sh) with the job jar against this cluster; stdout and stderr to a file. */
    Job submit(String name, List<String> sparkOptions, List<String> jobArguments, java.util.Map<String, String> env)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(SCRIPTS.resolve("submit.sh").toString(),
                "--master", masterUrl, "--class", "dev.rejection.spark.SparkScoreJob", "--name", name,
                "--executor-memory", "512m", "--conf", "spark.ui.enabled=false", "--conf", "spark.driver.host=127.0.0.1",
                // tasks start once every worker's executor is there, so that each of them gets work
                "--conf", "spark.scheduler.minRegisteredResourcesRatio=1.0",
                "--conf", "spark.scheduler.maxRegisteredResourcesWaitingTime=180s"));
        command.addAll(sparkOptions);
        command.add(Path.of("target/rejection-spark.jar").toAbsolutePath().toString());
        command.addAll(jobArguments);
        Path log = dir.resolve("logs/" + name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        return new Job(builder.start(), log);
    }

    /** Every executor's log (stderr) on worker {@code n}, all applications. */
    List<Path> executorLogs(int n) throws IOException {
        Path work = worker(n).resolve("work");
        try (Stream<Path> files = Files.find(work, 3, (p, a) -> p.getFileName().toString().equals("stderr"))) {
            return files.sorted().toList();
        }
    }

    /** The executor logs of one application, on every worker. */
    List<Path> executorLogs(String appId, int workers) throws IOException {
        List<Path> logs = new ArrayList<>();
        for (int n = 1; n <= workers; n++) {
            for (Path log : executorLogs(n)) {
                if (log.getParent().getParent().getFileName().toString().equals(appId)) {
                    logs.add(log);
                }
            }
        }
        return logs;
    }

    @Override
    public void close() {
        try {
            Process stop = new ProcessBuilder(SCRIPTS.resolve("stop.sh").toString(), dir.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("logs/stop.log").toFile()).start();
            stop.waitFor(2, TimeUnit.MINUTES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
