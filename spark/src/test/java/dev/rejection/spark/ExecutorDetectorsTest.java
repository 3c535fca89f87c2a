package dev.rejection.spark;

import dev.rejection.detect.RejectionDetector;
import dev.rejection.testing.StandIns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ExecutorDetectorsTest {

    @Test
    void aModelRetrainedInPlaceIsLoadedAgainAnUnchangedOneIsKept(@TempDir Path tmp) throws IOException {
        Path dir = StandIns.copy(StandIns.bertTiny(), tmp.resolve("model"));
        DetectorSpec spec = DetectorSpec.of(dir.toString());
        RejectionDetector first = ExecutorDetectors.get(spec);
        assertThat(first.readsPrompts()).isFalse();
        assertThat(ExecutorDetectors.get(spec)).isSameAs(first);

        // as a retrain on (prompt, answer) pairs writes the folder again
        Path config = dir.resolve("config.json");
        String json = Files.readString(config).strip();
        Files.writeString(config, json.substring(0, json.length() - 1) + ", \"rejection_reads_prompts\": true}");

        RejectionDetector retrained = ExecutorDetectors.get(spec);
        assertThat(retrained).isNotSameAs(first);
        assertThat(retrained.readsPrompts()).isTrue();
        assertThat(ExecutorDetectors.get(spec)).isSameAs(retrained);
        assertThat(first.classify("I can't help with that.").label()).as("the one loaded before stays usable")
                .isNotBlank();
    }

    @Test
    void onlyAFolderHasFilesToWatch(@TempDir Path tmp) throws IOException {
        Path dir = StandIns.copy(StandIns.bertTiny(), tmp.resolve("model"));
        assertThat(DetectorSpec.of(dir.toString()).localModelFiles()).isNotEmpty()
                .anySatisfy(line -> assertThat(line).startsWith("config.json " + Files.size(dir.resolve("config.json"))));
        assertThat(DetectorSpec.of("org/name@main").localModelFiles()).isEmpty();
        assertThat(DetectorSpec.shipped("model").localModelFiles()).isEmpty();
        assertThat(DetectorSpec.defaults().localModelFiles()).isEmpty();
        assertThat(DetectorSpec.of("a\u0000b").localModelFiles()).isEmpty();
    }
}
