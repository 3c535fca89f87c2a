package dev.rejection.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run writes nothing to the temporary directory: the embedded model is loaded from the classpath's bytes (no
 * {@code rejection-model-*} copy) and ONNX Runtime's extracted native libraries are removed once loaded (no
 * {@code onnxruntime-java*} folder). In a separate JVM, because both happen once per process.
 */
@Timeout(120)
class NoTempFilesTest {

    @Test
    void aClassifyRunLeavesNothingInAFreshTmpdir(@TempDir Path tmpdir) throws IOException, InterruptedException {
        Process run = ChildJvm.rejection(List.of("-Djava.io.tmpdir=" + tmpdir), "classify", "Sorry, I can't.")
                .redirectErrorStream(true).start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(run.waitFor(100, TimeUnit.SECONDS)).isTrue();

        assertThat(run.exitValue()).as(output).isZero();
        assertThat(output).contains("REJECTION").contains("Sorry, I can't.");
        try (Stream<Path> left = Files.list(tmpdir)) {
            List<String> names = left.map(p -> p.getFileName().toString()).toList();
            assertThat(names).as("left in java.io.tmpdir").isEmpty();
        }
    }

    @Test
    void aRunEndingInAUsageErrorWhileOnnxRuntimeLoadsLeavesNothingEither(@TempDir Path tmpdir) throws Exception {
        // classify starts loading ONNX Runtime at once; a bad option ends the run long before the model is needed
        Process run = ChildJvm.rejection(List.of("-Djava.io.tmpdir=" + tmpdir), "classify", "--bogus", "x")
                .redirectErrorStream(true).start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(run.waitFor(100, TimeUnit.SECONDS)).isTrue();

        assertThat(run.exitValue()).as(output).isEqualTo(2);
        try (Stream<Path> left = Files.list(tmpdir)) {
            assertThat(left.map(p -> p.getFileName().toString()).toList()).as("left in java.io.tmpdir").isEmpty();
        }
    }
}
