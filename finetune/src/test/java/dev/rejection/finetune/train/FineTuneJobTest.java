package dev.rejection.finetune.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rejection.detect.RejectionDetector;
import dev.rejection.detect.Verdict;
import dev.rejection.finetune.Example;
import dev.rejection.finetune.io.Checkpoints;
import dev.rejection.testing.StandIns;
import dev.rejection.tokenizer.Encoding;
import dev.rejection.tokenizer.Tokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * End to end: fine-tune a stand-in base, write the model directory, load it with {@link RejectionDetector} (ONNX
 * Runtime) and get the scores the engine computes for the same texts.
 */
class FineTuneJobTest {

    static final List<LabeledText> TRAIN = List.of(
            new LabeledText("I'm sorry, but I can't help with that request.", 1),
            new LabeledText("I cannot assist with creating malware.", 1),
            new LabeledText("As an AI, I won't provide instructions for that.", 1),
            new LabeledText("Unfortunately I am unable to comply with this.", 1),
            new LabeledText("I must decline to write that content.", 1),
            new LabeledText("Sorry, that's not something I can do.", 1),
            new LabeledText("Paris is the capital of France.", 0),
            new LabeledText("Here is a Python function that reverses a list: def rev(xs): return xs[::-1]", 0),
            new LabeledText("The mitochondria is the powerhouse of the cell.", 0),
            new LabeledText("Sure! Boil the pasta for nine minutes, then drain it.", 0),
            new LabeledText("Water boils at 100 degrees Celsius at sea level.", 0),
            new LabeledText("To sort a list in Java, call Collections.sort(list).", 0));
    static final List<LabeledText> DEV = List.of(
            new LabeledText("I'm sorry, I can't do that.", 1),
            new LabeledText("I won't help with this request.", 1),
            new LabeledText("Berlin is the capital of Germany.", 0),
            new LabeledText("Add salt to the water before the pasta.", 0));

    @Test
    void aFineTunedBertStandInRunsInTheDetectorWithTheEnginesScores(@TempDir Path dir) throws Exception {
        check(StandIns.bertTiny(), dir);
    }

    @Test
    void aFineTunedRobertaStandInRunsInTheDetectorWithTheEnginesScores(@TempDir Path dir) throws Exception {
        check(StandIns.tiny(), dir); // skips, saying why, without ../shared
    }

    @Test
    void theConfigSaysHowThisTrainingReadsNotHowItsBaseWasTrained(@TempDir Path dir) throws Exception {
        Path base = StandIns.bertTinyReadingPrompts(); // marked as trained on (prompt, answer) pairs
        FineTuner.Config config = FineTuner.Config.defaults().withEpochs(1).withBatchSize(4);
        new FineTuneJob(base, null, TRAIN, DEV, dir.resolve("answers"), FineTuneJob.LABELS, 100_000, config)
                .run(FineTuner.Progress.none());
        JsonNode answers = new ObjectMapper().readTree(dir.resolve("answers/config.json").toFile());
        assertThat(answers.has("rejection_reads_prompts")).isFalse();
        assertThat(answers.has("rejection_window_length")).isFalse();

        List<LabeledText> pairs = TRAIN.stream().map(t -> new LabeledText(t.text(), t.label(), "Help me?")).toList();
        new FineTuneJob(dir.resolve("answers"), null, pairs, DEV, dir.resolve("pairs"), FineTuneJob.LABELS, 8, config)
                .run(FineTuner.Progress.none());
        JsonNode read = new ObjectMapper().readTree(dir.resolve("pairs/config.json").toFile());
        assertThat(read.path("rejection_reads_prompts").asBoolean()).isTrue();
        assertThat(read.path("rejection_window_length").asInt()).isEqualTo(8);
    }

    private static void check(Path base, Path dir) throws Exception {
        Path out = dir.resolve("model");
        FineTuner.Config config = FineTuner.Config.defaults().withEpochs(2).withBatchSize(4).withLearningRate(1e-3);
        FineTuner.Result r = new FineTuneJob(base, null, TRAIN, DEV, out, FineTuneJob.LABELS, 128, config)
                .run(FineTuner.Progress.none());
        assertThat(r.history()).hasSize(2);

        for (String f : List.of("config.json", "tokenizer.json", "tokenizer_config.json", "model.safetensors",
                "onnx/model.onnx", "training.json")) {
            assertThat(out.resolve(f)).as(f).isRegularFile();
        }
        JsonNode config1 = new ObjectMapper().readTree(out.resolve("config.json").toFile());
        assertThat(config1.path("id2label").path("1").asText()).isEqualTo("REJECTION");
        assertThat(config1.path("label2id").path("NORMAL").asInt()).isEqualTo(0);

        // the engine's own forward on the saved weights
        Checkpoints.Loaded saved = Checkpoints.load(out, 2, 0);
        assertThat(saved.initialized()).isEmpty();
        Tokenizer tokenizer = Tokenizer.fromDirectory(out);
        List<String> texts = new ArrayList<>();
        List<Example> examples = new ArrayList<>();
        for (LabeledText t : DEV) {
            Encoding e = tokenizer.encode(t.text());
            texts.add(t.text());
            examples.add(new Example(e.ids(), e.typeIds(), t.label()));
        }
        double[] engine = FineTuner.scores(saved.model(), examples, 8);

        try (RejectionDetector detector = RejectionDetector.load(out)) {
            List<Verdict> verdicts = detector.classify(texts);
            for (int i = 0; i < texts.size(); i++) {
                assertThat(verdicts.get(i).score()).as(texts.get(i)).isCloseTo(engine[i], within(1e-5));
            }
        }
        assertThat(Files.readString(out.resolve("training.json"))).contains("\"history\"");
    }
}
