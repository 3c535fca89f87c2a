package dev.rejection.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/** serve's usage errors; the server itself is tested in the server module. */
class ServeCommandTest {

    @Test
    void namesTheModesAndKeepsTheStrideToWindows(@TempDir Path dir) {
        CliRun run = CliRun.run("serve", "--mode", "sentences", "--model", dir.toString());
        assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("unknown match mode 'sentences': choose full, sentence, window or deep");

        CliRun stride = CliRun.run("serve", "--mode", "sentence", "--stride", "16", "--model", dir.toString());
        assertThat(stride.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(stride.err()).contains("a stride applies to window and deep mode only, not to sentence mode");

        CliRun negative = CliRun.run("serve", "--mode", "window", "--stride", "-1", "--model", dir.toString());
        assertThat(negative.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(negative.err()).contains("stride must be at least 0, got -1");
    }

    @Test
    void rejectsAnEmptyOrWorldReadableTokenFileAndBadLimits(@TempDir Path dir) throws Exception {
        Path readable = Files.writeString(dir.resolve("shared-token"), "s3cret\n");
        Files.setPosixFilePermissions(readable, PosixFilePermissions.fromString("rw-r--r--"));
        CliRun shared = CliRun.run("serve", "--model", dir.toString(), "--auth-token-file", readable.toString());
        assertThat(shared.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(shared.err()).contains("--auth-token-file " + readable + " is readable by every user",
                "chmod 600 " + readable);

        Path empty = Files.writeString(dir.resolve("token"), "\n");
        Files.setPosixFilePermissions(empty, PosixFilePermissions.fromString("rw-------"));
        CliRun run = CliRun.run("serve", "--model", dir.toString(), "--auth-token-file", empty.toString());
        assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--auth-token-file " + empty + " is empty");

        CliRun zero = CliRun.run("serve", "--model", dir.toString(), "--max-batch-size", "0");
        assertThat(zero.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(zero.err()).contains("max batch size must be at least 1, got 0");

        // a body is read into one array with a byte more than the limit: the largest int would overflow that
        CliRun huge = CliRun.run("serve", "--model", dir.toString(), "--max-body-bytes", "2147483647");
        assertThat(huge.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(huge.err()).contains("max body bytes must be at most 2147483631, got 2147483647");

        CliRun port = CliRun.run("serve", "--model", dir.toString(), "--allowed-host", "api.example.com:443");
        assertThat(port.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(port.err()).contains("allowed host 'api.example.com:443' is not a host name");
    }

    @Test
    void helpListsTheServerOptions() {
        CliRun run = CliRun.run("serve", "--help");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("--max-batch-size", "--max-wait-ms", "--queue-size", "--auth-token-file",
                "--preset", "--max-body-bytes", "--max-texts", "--max-chars", "--header-timeout-ms", "--body-timeout-ms",
                "REJECTION_AUTH_TOKEN", "--no-ui", "--allowed-host");
    }
}
