package dev.rejection.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file output is written beside its destination and moved onto it only when the run has finished and closes it. */
class NamedOutputTest {
    @TempDir
    Path dir;

    @Test
    void untilClosedTheOldFileStaysAndTheNewResultsAreInThePartialFile() throws IOException {
        Path out = Files.writeString(dir.resolve("out.jsonl"), "old\n");
        NamedOutput output = NamedOutput.file(out, "out.jsonl");
        output.write("new\n".getBytes(StandardCharsets.UTF_8));
        output.flush();
        // what a killed run leaves: the old results, and the new ones so far beside them
        assertThat(Files.readString(out)).isEqualTo("old\n");
        assertThat(Files.readString(dir.resolve("out.jsonl.partial"))).isEqualTo("new\n");

        output.finish();
        output.close();
        assertThat(Files.readString(out)).isEqualTo("new\n");
        assertThat(dir.resolve("out.jsonl.partial")).doesNotExist();
        output.close(); // a second close changes nothing
        assertThat(Files.readString(out)).isEqualTo("new\n");
    }

    @Test
    void aRunThatFailsBeforeItsEndLeavesTheOldFileAndItsPartialOne() throws IOException {
        Path out = Files.writeString(dir.resolve("out.jsonl"), "old\n");
        try (NamedOutput output = NamedOutput.file(out, "out.jsonl")) {
            output.write("new, then the run broke\n".getBytes(StandardCharsets.UTF_8));
            // no finish(): the command threw before its last result
        }
        assertThat(Files.readString(out)).isEqualTo("old\n");
        assertThat(Files.readString(dir.resolve("out.jsonl.partial"))).isEqualTo("new, then the run broke\n");
    }

    @Test
    void aRunThatFailsBeforeWritingAnythingLeavesNoPartialFile() throws IOException {
        Path out = Files.writeString(dir.resolve("out.jsonl"), "old\n");
        try (NamedOutput output = NamedOutput.file(out, "out.jsonl")) {
            assertThat(dir.resolve("out.jsonl.partial")).exists();
        }
        assertThat(Files.readString(out)).isEqualTo("old\n");
        assertThat(dir.resolve("out.jsonl.partial")).doesNotExist();
    }

    @Test
    void aPartialFileAlreadyThereIsLeftAsItWas() throws IOException {
        Path out = dir.resolve("out.jsonl");
        Files.writeString(dir.resolve("out.jsonl.partial"), "my notes\n");
        try (NamedOutput output = NamedOutput.file(out, "out.jsonl")) {
            output.write("new\n".getBytes(StandardCharsets.UTF_8));
            assertThat(Files.readString(dir.resolve("out.jsonl.1.partial"))).isEqualTo("new\n");
            output.finish();
        }
        assertThat(Files.readString(out)).isEqualTo("new\n");
        assertThat(Files.readString(dir.resolve("out.jsonl.partial"))).isEqualTo("my notes\n");
        assertThat(dir.resolve("out.jsonl.1.partial")).doesNotExist();
    }

    @Test
    void aLinkStaysALinkAndTheFileItPointsToIsReplaced() throws IOException {
        Files.createDirectories(dir.resolve("real"));
        Path target = Files.writeString(dir.resolve("real").resolve("out.jsonl"), "old\n");
        Path link = Files.createSymbolicLink(dir.resolve("out.jsonl"), target);
        try (NamedOutput output = NamedOutput.file(link, "out.jsonl")) {
            output.write("new\n".getBytes(StandardCharsets.UTF_8));
            output.finish();
        }
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(target)).isEqualTo("new\n");
        assertThat(dir.resolve("real").resolve("out.jsonl.partial")).doesNotExist();
    }

    @Test
    void aPathThatIsNotARegularFileIsWrittenDirectly() throws IOException {
        Path devNull = Path.of("/dev/null");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(devNull));
        try (NamedOutput output = NamedOutput.file(devNull, "/dev/null")) {
            output.write(1);
        }
        assertThat(Files.isRegularFile(devNull)).isFalse(); // still the device, not a file moved onto it
        assertThat(Path.of("/dev/null.partial")).doesNotExist();
    }
}
