package dev.rejection.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.rejection.testing.StandIns;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The figures MODEL_CARD.md publishes in its {@code model-index} (what the Hugging Face Hub shows as the model's
 * evaluation results) are what {@code rejection eval} measures on the shipped default today: each dataset's
 * {@code split} names the file {@code data/training_set.py} writes ({@code <split>.jsonl}), its {@code args} the
 * options eval reads it with ({@code mode: deep} is {@code --mode deep}), each metric's {@code type} the field of
 * eval's JSON report. A change that moves a figure (a retrained default, a cue of the evidence gate, the tokenizer)
 * fails here until the card says what it does now.
 */
class DefaultModelCardTest {
    /** The repository: the parent of the cli module, the folder Maven runs this test in. */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** The card writes each figure to 4 decimals. */
    private static final double ROUNDING = 0.5e-4;
    /**
     * The loss also moves with the scores' last digits, which ONNX Runtime's int8 kernels compute differently on CPUs
     * of other instruction sets; the counts behind the other figures change only when a text crosses the threshold.
     */
    private static final double LOSS_SLACK = 1e-3;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theCardsPublishedFiguresAreWhatTheShippedDefaultMeasures() throws Exception {
        Path shared = StandIns.sharedData("the model card's figures");
        buildMeasurementFiles(shared);
        JsonNode results = frontMatter(ROOT.resolve("MODEL_CARD.md")).path("model-index").path(0).path("results");
        assertThat(results.size()).as("results in MODEL_CARD.md's model-index").isPositive();
        SoftAssertions softly = new SoftAssertions();
        for (JsonNode result : results) {
            String split = result.path("dataset").path("split").asText();
            Path data = dir.resolve(split + ".jsonl");
            assertThat(data).as("the file of split '%s' that data/training_set.py writes", split).isRegularFile();
            List<String> eval = new ArrayList<>(List.of("eval", "--data", data.toString(), "--format", "json"));
            result.path("dataset").path("args").fields().forEachRemaining(arg -> {
                eval.add("--" + arg.getKey());
                eval.add(arg.getValue().asText());
            });
            CliRun run = CliRun.run(eval.toArray(String[]::new));
            assertThat(run.exit()).as("eval on %s: %s", split, run.err()).isZero();
            JsonNode measured = JSON.readTree(run.out());
            for (JsonNode metric : result.path("metrics")) {
                String type = metric.path("type").asText();
                assertThat(measured.has(type)).as("eval's report has no field '%s' (split %s)", type, split).isTrue();
                double slack = type.equals("loss") ? LOSS_SLACK : ROUNDING;
                softly.assertThat(measured.get(type).asDouble())
                        .as("%s on %s: the card says %s", type, split, metric.path("value").asText())
                        .isCloseTo(metric.path("value").asDouble(), within(slack));
            }
        }
        softly.assertAll();
    }

    /** The measurement files, from the shared data and the team's labels; training_set.py's defaults are the recipe's. */
    private void buildMeasurementFiles(Path shared) throws IOException, InterruptedException {
        List<String> command = List.of("python3", ROOT.resolve("data/training_set.py").toString(),
                "--out", dir.toString(), "--shared", shared.toString());
        Process process;
        try {
            process = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("skipped the model card's figures: python3 not on the PATH (" + e.getMessage() + ")");
            return;
        }
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("data/training_set.py finished").isTrue();
        assertThat(process.exitValue()).as("data/training_set.py: %s", new String(output, StandardCharsets.UTF_8))
                .isZero();
    }

    /** The YAML between the first two {@code ---} lines of a Hugging Face model card. */
    private static JsonNode frontMatter(Path card) throws IOException {
        String text = Files.readString(card);
        assertThat(text).as("%s opens with front matter", card).startsWith("---\n");
        int end = text.indexOf("\n---\n", 4);
        assertThat(end).as("%s: the front matter's closing ---", card).isPositive();
        return new YAMLMapper().readTree(text.substring(4, end));
    }
}
