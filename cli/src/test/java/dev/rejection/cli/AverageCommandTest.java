package dev.rejection.cli;

import dev.rejection.detect.RejectionDetector;
import dev.rejection.testing.StandIns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code rejection average} end to end: two seeds of {@code train --full} on the BERT stand-in, averaged. */
class AverageCommandTest {

    private static final List<String> ROWS = List.of(
            "{\"text\": \"I'm sorry, but I can't help with that request.\", \"label\": 1}",
            "{\"text\": \"I cannot assist with creating malware.\", \"label\": 1}",
            "{\"text\": \"Unfortunately I am unable to comply with this.\", \"label\": 1}",
            "{\"text\": \"Paris is the capital of France.\", \"label\": 0}",
            "{\"text\": \"Boil the pasta for nine minutes, then drain it.\", \"label\": 0}",
            "{\"text\": \"Water boils at 100 degrees Celsius at sea level.\", \"label\": 0}");

    private static Path train(Path dir, String name, int seed, int maxLength) {
        Path out = dir.resolve(name);
        CliRun run = CliRun.run("train", "--full", "--base", StandIns.bertTiny().toString(), "--data",
                dir.resolve("train.jsonl").toString(), "--dev",
                dir.resolve("train.jsonl").toString(), "--out", out.toString(), "--epochs", "1", "--batch-size", "2",
                "--lr", "1e-3", "--max-length", Integer.toString(maxLength), "--seed", Integer.toString(seed));
        assertThat(run.exit()).as(run.err()).isZero();
        return out;
    }

    @Test
    void averagesTwoSeedsIntoAModelTheDetectorLoads(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("train.jsonl"), ROWS);
        Path a = train(dir, "seed1", 1, 32);
        Path b = train(dir, "seed2", 2, 32);
        Path out = dir.resolve("average");
        CliRun run = CliRun.run("average", a.toString(), b.toString(), "--out", out.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("averaged 2 models into " + out + System.lineSeparator());
        assertThat(out.resolve("average.json")).content().contains(a.toString(), b.toString());
        try (RejectionDetector mean = RejectionDetector.load(out);
             RejectionDetector first = RejectionDetector.load(a);
             RejectionDetector second = RejectionDetector.load(b)) {
            assertThat(mean.windowLength()).isEqualTo(32); // the recipe's reading carries over
            String text = "I cannot assist with creating malware.";
            double m = mean.classify(text).score();
            double x = first.classify(text).score();
            double y = second.classify(text).score();
            assertThat(x).isNotEqualTo(y);
            assertThat(m).isNotIn(x, y);
        }
    }

    @Test
    void badInputIsAUsageErrorNamingWhatIsWrong(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("train.jsonl"), ROWS);
        Path a = train(dir, "seed1", 1, 32);
        Path shorter = train(dir, "short", 2, 16);

        CliRun one = CliRun.run("average", a.toString(), "--out", dir.resolve("x").toString());
        assertThat(one.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(one.err()).contains("MODEL_DIR");

        CliRun recipes = CliRun.run("average", a.toString(), shorter.toString(), "--out", dir.resolve("x").toString());
        assertThat(recipes.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(recipes.err()).contains(shorter.resolve("config.json") + ": field 'rejection_window_length' differs")
                .doesNotContain("a bug");

        Path other = train(dir, "other", 3, 32);
        byte[] otherWeights = Files.readAllBytes(other.resolve("model.safetensors"));
        CliRun occupied = CliRun.run("average", a.toString(), train(dir, "seed4", 4, 32).toString(), "--out",
                other.toString());
        assertThat(occupied.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(occupied.err()).contains("--out " + other + " already holds a model", "--replace");
        assertThat(Files.readAllBytes(other.resolve("model.safetensors"))).isEqualTo(otherWeights);

        CliRun twice = CliRun.run("average", a.toString(), a + "/", "--out", dir.resolve("x").toString());
        assertThat(twice.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(twice.err()).contains("is given twice", "the average would weigh it double");

        CliRun into = CliRun.run("average", a.toString(), other.toString(), "--out", a.toString());
        assertThat(into.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(into.err()).contains("--out " + a + " is one of the models averaged");

        CliRun missing = CliRun.run("average", a.toString(), dir.resolve("nope").toString(), "--out",
                dir.resolve("x").toString());
        assertThat(missing.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err()).contains(dir.resolve("nope") + ": not a directory");
        assertThat(dir.resolve("x")).doesNotExist();

        Path broken = StandIns.copy(a, dir.resolve("broken"));
        Files.writeString(broken.resolve("config.json"), "{\"model_type\": ");
        CliRun config = CliRun.run("average", a.toString(), broken.toString(), "--out", dir.resolve("y").toString());
        assertThat(config.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(config.err()).contains(broken.resolve("config.json") + ": not valid JSON");
    }
}
