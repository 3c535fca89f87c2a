package dev.rejection.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rejection.testing.MalformedModels;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code rejection classify} on a model with a broken file: a message naming it, exit 2, no stack trace. */
class MalformedModelCliTest {

    @ParameterizedTest
    @EnumSource(MalformedModels.class)
    void aBrokenModelFileIsAUsageErrorNamingTheFile(MalformedModels broken, @TempDir Path tmp) throws IOException {
        Path dir = broken.write(tmp.resolve("model"));

        CliRun run = CliRun.run("classify", "--model", dir.toString(), "Sorry, I can't.");

        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains(dir.resolve(broken.file()).toString()).contains(broken.says())
                .doesNotContain("a bug").doesNotContain("\tat ");
    }
}
