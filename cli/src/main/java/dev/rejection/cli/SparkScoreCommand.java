package dev.rejection.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code rejection spark-score} when Spark is absent. The job lives in the spark module, which gets Spark from the
 * cluster ({@code provided}), so this jar cannot run it; the {@code rejection} launcher runs
 * {@code dev.rejection.spark.SparkScoreJob} itself, with Spark's jars, and never reaches this class. Whoever does
 * (e.g. {@code java -jar rejection.jar spark-score}) is told the two ways that work.
 */
@Command(name = "spark-score",
        description = {"Score a Parquet, JSON Lines or CSV table on Apache Spark. Needs Spark on the classpath: run "
                + "it as './rejection spark-score ...' (the launcher adds Spark) or with spark-submit; see "
                + "spark/README.md and './rejection spark-score --help' for its options."})
final class SparkScoreCommand implements Callable<Integer> {
    static final String HOW_TO_RUN = "spark-score runs on Apache Spark, which rejection.jar does not include. Run it "
            + "through the launcher, './rejection spark-score --input PATH --format parquet|json|csv --text-column C "
            + "--output PATH [--model MODEL] [--master local[*]]', which puts Spark on the classpath, or on a cluster "
            + "with 'spark-submit --class dev.rejection.spark.SparkScoreJob spark/target/rejection-spark.jar ...' "
            + "(build it with 'mvn -pl spark -am package'). See spark/README.md.";

    @Spec
    CommandSpec spec;

    /** The job's options, which only the job itself reads. */
    @Unmatched
    List<String> jobArguments;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("rejection spark-score: " + HOW_TO_RUN);
        return ExitCodes.USAGE;
    }
}
