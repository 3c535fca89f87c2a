package dev.rejection.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SparkScoreCommandTest {

    @Test
    void withoutSparkItIsAUsageErrorThatSaysHowToRunTheJob() {
        CliRun run = CliRun.run("spark-score", "--input", "logs.parquet", "--format", "parquet");

        assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.out()).isEmpty();
        // the two ways that work, written out here rather than read back from the class under test
        assertThat(run.err())
                .startsWith("rejection spark-score: spark-score runs on Apache Spark, which rejection.jar does not "
                        + "include.")
                .contains("'./rejection spark-score --input PATH --format parquet|json|csv --text-column C "
                        + "--output PATH [--model MODEL] [--master local[*]]'")
                .contains("'spark-submit --class dev.rejection.spark.SparkScoreJob spark/target/rejection-spark.jar")
                .contains("See spark/README.md.")
                .endsWith(System.lineSeparator())
                .hasLineCount(1);
    }

    @Test
    void theMainHelpListsIt() {
        assertThat(CliRun.run("--help").out()).contains("spark-score");
    }
}
