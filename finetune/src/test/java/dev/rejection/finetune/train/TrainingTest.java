package dev.rejection.finetune.train;

import dev.rejection.finetune.Architecture;
import dev.rejection.finetune.Example;
import dev.rejection.finetune.Param;
import dev.rejection.finetune.SequenceClassifier;
import dev.rejection.onnx.graph.EncoderConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrainingTest {

    private static SequenceClassifier tiny(long seed) {
        Architecture arch = new Architecture(new EncoderConfig("roberta", 40, 16, 2, 2, 32, 40, 1, 1, 1e-5, 0.02, 2),
                0.1, 0.1, 0.1);
        SequenceClassifier m = new SequenceClassifier(arch);
        m.initialize(seed, null);
        return m;
    }

    /** Random token sequences (lengths 3..12) with random labels: learnable only by memorising. */
    private static List<Example> randomSet(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Example> set = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int[] ids = new int[3 + r.nextInt(10)];
            ids[0] = 0;
            for (int t = 1; t < ids.length; t++) {
                ids[t] = 3 + r.nextInt(37);
            }
            set.add(Example.of(ids, r.nextInt(2)));
        }
        return set;
    }

    @Test
    void aTinyModelOverfitsASmallSet() throws IOException {
        SequenceClassifier model = tiny(1);
        List<Example> set = randomSet(24, 2);
        FineTuner.Config config = FineTuner.Config.defaults().withEpochs(60).withBatchSize(8).withLearningRate(3e-3)
                .withWarmupRatio(0.05);
        FineTuner.Result r = new FineTuner(config, FineTuner.Progress.none()).train(model, set, set);
        assertThat(r.history().get(0).trainLoss()).isGreaterThan(0.5);
        assertThat(r.bestDev().confusion().accuracy()).isEqualTo(1.0);
        assertThat(r.history().get(r.history().size() - 1).trainLoss()).isLessThan(0.1);
        assertThat(r.trainingTokens()).isPositive();
    }

    @Test
    void aRerunAndAResumedRunEndWithTheSameWeightsAsAnUninterruptedOne(@TempDir Path dir) throws IOException {
        List<Example> train = randomSet(20, 3);
        List<Example> dev = randomSet(8, 4);
        FineTuner.Config base = FineTuner.Config.defaults().withBatchSize(6).withLearningRate(1e-3)
                .withClassWeights(new float[] {1f, 2f});

        SequenceClassifier straight = tiny(5);
        FineTuner.Result whole = new FineTuner(base.withEpochs(3).withCheckpoints(dir.resolve("a"), false),
                FineTuner.Progress.none()).train(straight, train, dev);

        SequenceClassifier again = tiny(5);
        new FineTuner(base.withEpochs(3), FineTuner.Progress.none()).train(again, train, dev);

        FineTuner.Config checkpointed = base.withEpochs(3).withCheckpoints(dir.resolve("b"), false);
        FineTuner.Progress stopAfterFirstEpoch = new FineTuner.Progress() {
            @Override
            public void step(FineTuner.Step s) {
            }

            @Override
            public void epoch(FineTuner.Epoch e) {
                throw new IllegalStateException("interrupted after epoch " + e.epoch());
            }
        };
        assertThatThrownBy(() -> new FineTuner(checkpointed, stopAfterFirstEpoch).train(tiny(5), train, dev))
                .hasMessage("interrupted after epoch 1");
        assertThat(Files.isRegularFile(dir.resolve("b/last/trainer_state.json"))).isTrue();
        SequenceClassifier fresh = tiny(77); // weights come from the checkpoint, not from here
        FineTuner.Result rest = new FineTuner(base.withEpochs(3).withCheckpoints(dir.resolve("b"), true),
                FineTuner.Progress.none()).train(fresh, train, dev);

        // another learning rate, or a checkpoint folder that holds none, is refused before any step
        assertThatThrownBy(() -> new FineTuner(base.withEpochs(3).withLearningRate(2e-3)
                .withCheckpoints(dir.resolve("b"), true), FineTuner.Progress.none()).train(tiny(5), train, dev))
                .hasMessage(dir.resolve("b/last/trainer_state.json") + ": field 'learning_rate' is 0.001 but this "
                        + "run has 0.002; resume needs the same data and settings");
        assertThatThrownBy(() -> new FineTuner(base.withEpochs(3).withCheckpoints(dir.resolve("typo"), true),
                FineTuner.Progress.none()).train(tiny(5), train, dev))
                .hasMessage("nothing to resume: " + dir.resolve("typo") + " is not a folder; give the checkpoint "
                        + "folder of the run to continue, or start a new run without resuming");
        assertThat(rest.history()).hasSize(3);
        assertThat(rest.bestEpoch()).isEqualTo(whole.bestEpoch());
        for (Param p : straight.params()) {
            assertThat(fresh.param(p.name()).values()).as(p.name()).containsExactly(p.values());
            assertThat(again.param(p.name()).values()).as("rerun " + p.name()).containsExactly(p.values());
        }
    }

    @Test
    void lengthGroupedBatchesCoverEveryExampleOnceAndGroupSimilarLengths() {
        int[] lengths = new SplittableRandom(9).ints(1000, 1, 500).toArray();
        List<int[]> batches = LengthGroupedBatches.of(lengths, 16, 1, true);
        boolean[] seen = new boolean[lengths.length];
        long padded = 0;
        for (int[] b : batches) {
            int max = 0;
            for (int i : b) {
                assertThat(seen[i]).as("example %d twice", i).isFalse();
                seen[i] = true;
                max = Math.max(max, lengths[i]);
            }
            for (int i : b) {
                padded += max - lengths[i];
            }
        }
        for (boolean s : seen) {
            assertThat(s).isTrue();
        }
        assertThat(lengths[batches.get(0)[0]]).isEqualTo(java.util.Arrays.stream(lengths).max().getAsInt());
        long total = java.util.Arrays.stream(lengths).sum();
        assertThat((double) padded / total).as("padding per real token").isLessThan(0.1);
        assertThat(LengthGroupedBatches.of(lengths, 16, 1, true).get(3)).containsExactly(batches.get(3));
    }

    @Test
    void theScheduleWarmsUpThenDecaysToZero() {
        LinearSchedule s = new LinearSchedule(1e-3, 10, 110);
        assertThat(s.at(0)).isZero();
        assertThat(s.at(5)).isEqualTo(5e-4);
        assertThat(s.at(10)).isEqualTo(1e-3);
        assertThat(s.at(60)).isCloseTo(5e-4, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(s.at(110)).isZero();
    }
}
