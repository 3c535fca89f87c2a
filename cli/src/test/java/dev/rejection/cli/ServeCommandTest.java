package dev.rejection.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** serve's usage errors; the server itself is tested in the server module. */
class ServeCommandTest {

    @Test
    void namesTheModesAndKeepsTheStrideToWindows(@TempDir Path dir) {
        CliRun run = CliRun.run("serve", "--mode", "sentences", "--model", dir.toString());
        assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("unknown match mode 'sentences': choose full, sentence or window");

        CliRun stride = CliRun.run("serve", "--mode", "sentence", "--stride", "16", "--model", dir.toString());
        assertThat(stride.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(stride.err()).contains("--stride applies to --mode window only");

        CliRun negative = CliRun.run("serve", "--mode", "window", "--stride", "-1", "--model", dir.toString());
        assertThat(negative.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(negative.err()).contains("--stride must be at least 0, got -1");
    }

    @Test
    void rejectsAnEmptyTokenFileAndBadLimits(@TempDir Path dir) throws Exception {
        Path empty = Files.writeString(dir.resolve("token"), "\n");
        CliRun run = CliRun.run("serve", "--model", dir.toString(), "--auth-token-file", empty.toString());
        assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--auth-token-file " + empty + " is empty");

        CliRun zero = CliRun.run("serve", "--model", dir.toString(), "--max-batch-size", "0");
        assertThat(zero.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(zero.err()).contains("max batch size must be at least 1, got 0");
    }

    @Test
    void helpListsTheServerOptions() {
        CliRun run = CliRun.run("serve", "--help");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("--max-batch-size", "--max-wait-ms", "--queue-size", "--auth-token-file",
                "--preset", "--max-body-bytes", "--max-texts", "--max-chars", "REJECTION_AUTH_TOKEN", "--no-ui");
    }
}
