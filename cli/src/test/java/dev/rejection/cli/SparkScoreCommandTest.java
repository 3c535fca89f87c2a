package dev.rejection.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SparkScoreCommandTest {

    @Test
    void withoutSparkItIsAUsageErrorThatSaysHowToRunTheJob() {
        CliRun run = CliRun.run("spark-score", "--input", "logs.parquet", "--format", "parquet");

        assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("rejection spark-score: " + SparkScoreCommand.HOW_TO_RUN
                + System.lineSeparator());
    }

    @Test
    void theMainHelpListsIt() {
        assertThat(CliRun.run("--help").out()).contains("spark-score");
    }
}
