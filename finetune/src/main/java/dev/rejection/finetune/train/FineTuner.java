package dev.rejection.finetune.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rejection.eval.Confusion;
import dev.rejection.eval.Metrics;
import dev.rejection.eval.OperatingPoint;
import dev.rejection.finetune.Batch;
import dev.rejection.finetune.CrossEntropy;
import dev.rejection.finetune.Example;
import dev.rejection.finetune.Param;
import dev.rejection.finetune.SequenceClassifier;
import dev.rejection.finetune.io.Checkpoints;
import dev.rejection.finetune.io.Safetensors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Fine-tunes a {@link SequenceClassifier} as the model card's Hugging Face Trainer does: AdamW (no decay on biases
 * and LayerNorm), linear warm-up then linear decay, gradient clipping at norm 1, length-grouped shuffled batches
 * with dynamic padding, optional class weights, evaluation on the dev set after every epoch with the card's
 * metrics (REJECTION, index 1, positive), early stopping on dev F1, and the best epoch's weights at the end.
 *
 * <p>Deterministic for a seed: the batch order of epoch e comes from {@code seed + e}, the dropout of step s from
 * {@code (seed, s)}, and every kernel sums in a fixed order whatever the thread count — so a run resumed from a
 * checkpoint ends with the same weights as one that never stopped.
 */
public final class FineTuner {

    private static final Logger LOG = LoggerFactory.getLogger(FineTuner.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Hyper-parameters. {@link #defaults()} are the card's (lr 2e-5, batch 16, 3 epochs) and the Trainer's
     * (Adam betas 0.9/0.999, eps 1e-8, clip 1.0), with weight decay 0.01 and 10% warm-up.
     *
     * @param epochs        passes over the training set
     * @param batchSize     examples per optimizer step
     * @param learningRate  peak learning rate
     * @param weightDecay   AdamW's decoupled decay on weights and embeddings
     * @param warmupRatio   fraction of all steps spent warming up
     * @param maxGradNorm   global gradient-norm clip (0 disables)
     * @param classWeights  per-class loss weights, or null for none
     * @param seed          drives the head's initialisation, the batch order and dropout
     * @param patience      stop after this many epochs without a better dev F1 (0: never stop early)
     * @param groupByLength length-grouped batches (else a plain shuffle)
     * @param evalBatchSize examples per forward pass when evaluating
     * @param checkpoints   folder for per-epoch checkpoints ({@code last/}, {@code best/}), or null for none
     * @param resume        continue from {@code checkpoints/last}, which must exist and come from a run with the same
     *                      data and settings
     * @param freezeEncoder train the head only (the frozen-encoder baseline)
     */
    public record Config(int epochs, int batchSize, double learningRate, double weightDecay, double warmupRatio,
                         double maxGradNorm, float[] classWeights, long seed, int patience, boolean groupByLength,
                         int evalBatchSize, Path checkpoints, boolean resume, boolean freezeEncoder) {

        public Config {
            if (epochs < 1 || batchSize < 1 || evalBatchSize < 1) {
                throw new IllegalArgumentException("epochs, batch size and eval batch size must be at least 1");
            }
            if (!(learningRate > 0) || weightDecay < 0 || warmupRatio < 0 || warmupRatio > 1 || patience < 0) {
                throw new IllegalArgumentException("bad hyper-parameters: lr " + learningRate + ", weight decay "
                        + weightDecay + ", warm-up ratio " + warmupRatio + ", patience " + patience);
            }
        }

        public static Config defaults() {
            return new Config(3, 16, 2e-5, 0.01, 0.1, 1.0, null, 42, 0, true, 32, null, false, false);
        }

        public Config withEpochs(int n) {
            return new Config(n, batchSize, learningRate, weightDecay, warmupRatio, maxGradNorm, classWeights, seed,
                    patience, groupByLength, evalBatchSize, checkpoints, resume, freezeEncoder);
        }

        public Config withBatchSize(int n) {
            return new Config(epochs, n, learningRate, weightDecay, warmupRatio, maxGradNorm, classWeights, seed,
                    patience, groupByLength, evalBatchSize, checkpoints, resume, freezeEncoder);
        }

        public Config withLearningRate(double lr) {
            return new Config(epochs, batchSize, lr, weightDecay, warmupRatio, maxGradNorm, classWeights, seed,
                    patience, groupByLength, evalBatchSize, checkpoints, resume, freezeEncoder);
        }

        public Config withWarmupRatio(double ratio) {
            return new Config(epochs, batchSize, learningRate, weightDecay, ratio, maxGradNorm, classWeights, seed,
                    patience, groupByLength, evalBatchSize, checkpoints, resume, freezeEncoder);
        }

        public Config withClassWeights(float[] weights) {
            return new Config(epochs, batchSize, learningRate, weightDecay, warmupRatio, maxGradNorm, weights, seed,
                    patience, groupByLength, evalBatchSize, checkpoints, resume, freezeEncoder);
        }

        public Config withSeed(long s) {
            return new Config(epochs, batchSize, learningRate, weightDecay, warmupRatio, maxGradNorm, classWeights, s,
                    patience, groupByLength, evalBatchSize, checkpoints, resume, freezeEncoder);
        }

        public Config withPatience(int p) {
            return new Config(epochs, batchSize, learningRate, weightDecay, warmupRatio, maxGradNorm, classWeights,
                    seed, p, groupByLength, evalBatchSize, checkpoints, resume, freezeEncoder);
        }

        public Config withFrozenEncoder(boolean frozen) {
            return new Config(epochs, batchSize, learningRate, weightDecay, warmupRatio, maxGradNorm, classWeights,
                    seed, patience, groupByLength, evalBatchSize, checkpoints, resume, frozen);
        }

        public Config withCheckpoints(Path dir, boolean resumeFromLast) {
            return new Config(epochs, batchSize, learningRate, weightDecay, warmupRatio, maxGradNorm, classWeights,
                    seed, patience, groupByLength, evalBatchSize, dir, resumeFromLast, freezeEncoder);
        }
    }

    /** One optimizer step, as progress reports it. */
    public record Step(int epoch, int epochs, long step, long totalSteps, double loss, double learningRate,
                       double gradNorm, double tokensPerSecond, Duration eta) {
    }

    /** One finished epoch: mean training loss, dev metrics (null without a dev set), whether it is the best. */
    public record Epoch(int epoch, double trainLoss, Metrics dev, boolean best) {
    }

    /** Where training reports to. */
    public interface Progress {
        void step(Step s);

        void epoch(Epoch e);

        /** Logs every 20th step and every epoch through SLF4J. */
        static Progress logging() {
            return new Progress() {
                @Override
                public void step(Step s) {
                    if (s.step() % 20 == 0 || s.step() == s.totalSteps()) {
                        LOG.info(String.format("epoch %d/%d step %d/%d loss %.4f lr %.2e |g| %.2f %.0f tokens/s ETA %s",
                                s.epoch(), s.epochs(), s.step(), s.totalSteps(), s.loss(), s.learningRate(),
                                s.gradNorm(), s.tokensPerSecond(), format(s.eta())));
                    }
                }

                @Override
                public void epoch(Epoch e) {
                    LOG.info(String.format("epoch %d: train loss %.4f%s%s", e.epoch(), e.trainLoss(),
                            e.dev() == null ? "" : String.format(" | dev loss %.4f acc %.4f P %.4f R %.4f F1 %.4f",
                                    e.dev().loss(), e.dev().confusion().accuracy(), e.dev().confusion().precision(),
                                    e.dev().confusion().recall(), e.dev().confusion().f1()),
                            e.best() ? " (best)" : ""));
                }
            };
        }

        static Progress none() {
            return new Progress() {
                @Override
                public void step(Step s) {
                }

                @Override
                public void epoch(Epoch e) {
                }
            };
        }
    }

    /**
     * What training did.
     *
     * @param history         every epoch, in order (resumed epochs included)
     * @param bestEpoch       the epoch whose weights the model now holds
     * @param stoppedEarly    whether patience ran out
     * @param trainingTokens  real (unpadded) tokens processed in this run
     * @param tokensPerSecond training throughput of this run (forward, backward and update)
     */
    public record Result(List<Epoch> history, int bestEpoch, boolean stoppedEarly, long trainingTokens,
                         double tokensPerSecond) {

        /** The dev metrics of the best epoch, or null without a dev set. */
        public Metrics bestDev() {
            return history.stream().filter(e -> e.epoch() == bestEpoch).findFirst().map(Epoch::dev).orElse(null);
        }
    }

    private final Config config;
    private final Progress progress;

    public FineTuner(Config config, Progress progress) {
        this.config = config;
        this.progress = progress;
    }

    /**
     * Trains {@code model} on {@code train}, evaluating on {@code dev} (may be empty) after every epoch; leaves the
     * best epoch's weights in the model.
     */
    public Result train(SequenceClassifier model, List<Example> train, List<Example> dev) throws IOException {
        if (train.isEmpty()) {
            throw new IllegalArgumentException("no training examples");
        }
        int numLabels = model.architecture().encoder().numLabels();
        for (int i = 0; i < train.size(); i++) {
            int y = train.get(i).label();
            if (y < 0 || y >= numLabels) {
                throw new IllegalArgumentException("training example " + i + " has label " + y + ", not in [0, "
                        + numLabels + ")");
            }
        }
        int pad = model.architecture().encoder().padTokenId();
        int[] lengths = train.stream().mapToInt(e -> e.ids().length).toArray();
        int stepsPerEpoch = (train.size() + config.batchSize() - 1) / config.batchSize();
        int totalSteps = stepsPerEpoch * config.epochs();
        LinearSchedule schedule = new LinearSchedule(config.learningRate(),
                (int) Math.ceil(config.warmupRatio() * totalSteps), totalSteps);
        List<Param> params = config.freezeEncoder() ? model.headParams() : model.params();
        AdamW optimizer = new AdamW(params, 0.9, 0.999, 1e-8, config.weightDecay());

        State state = new State();
        if (config.checkpoints() != null && config.resume()) {
            state = restore(model, optimizer, train.size());
            LOG.info("resumed from {} after epoch {} (step {})", config.checkpoints().resolve("last"), state.epoch,
                    state.step);
        }

        long tokens = 0;
        long nanos = 0;
        boolean stoppedEarly = false;
        for (int epoch = state.epoch + 1; epoch <= config.epochs(); epoch++) {
            List<int[]> batches = LengthGroupedBatches.of(lengths, config.batchSize(), config.seed() + epoch,
                    config.groupByLength());
            double lossSum = 0;
            for (int[] indices : batches) {
                long t0 = System.nanoTime();
                Batch batch = Batch.of(IntStream.of(indices).mapToObj(train::get).toList(), pad);
                model.zeroGrad();
                SequenceClassifier.Trace trace = model.forwardTraining(batch, dropoutSeed(state.step));
                CrossEntropy.Result loss = CrossEntropy.of(trace.logits(), batch.labels(), numLabels,
                        config.classWeights());
                if (config.freezeEncoder()) {
                    model.backwardHead(trace, loss.dLogits());
                } else {
                    model.backward(trace, loss.dLogits());
                }
                double lr = schedule.at(state.step);
                double norm = optimizer.step(lr, config.maxGradNorm());
                state.step++;
                nanos += System.nanoTime() - t0;
                tokens += batch.tokens();
                lossSum += loss.loss();
                double perStep = nanos / 1e9 / Math.max(1, state.step - state.resumedAt);
                progress.step(new Step(epoch, config.epochs(), state.step, totalSteps, loss.loss(), lr, norm,
                        tokens / (nanos / 1e9), Duration.ofMillis((long) (perStep * (totalSteps - state.step) * 1000))));
            }
            Metrics metrics = dev.isEmpty() ? null : evaluate(model, dev, config.evalBatchSize());
            boolean best = metrics == null || state.bestEpoch == 0 || metrics.confusion().f1() > state.bestF1;
            if (best) {
                state.bestEpoch = epoch;
                state.bestF1 = metrics == null ? Double.NaN : metrics.confusion().f1();
                state.sinceBest = 0;
                if (metrics != null) {
                    state.best = snapshot(params);
                }
            } else {
                state.sinceBest++;
            }
            Epoch report = new Epoch(epoch, lossSum / batches.size(), metrics, best);
            state.history.add(report);
            state.epoch = epoch;
            if (config.checkpoints() != null) {
                save(model, optimizer, state, train.size(), best);
            }
            progress.epoch(report);
            if (config.patience() > 0 && state.sinceBest >= config.patience() && epoch < config.epochs()) {
                LOG.info("early stop: dev F1 has not improved for {} epoch(s)", state.sinceBest);
                stoppedEarly = true;
                break;
            }
        }
        if (state.best != null) {
            for (Param p : params) {
                p.set(state.best.get(p.name()));
            }
        }
        return new Result(List.copyOf(state.history), state.bestEpoch, stoppedEarly, tokens,
                nanos == 0 ? 0 : tokens / (nanos / 1e9));
    }

    /** P(label 1) for each example, dropout off, batched by similar length. */
    public static double[] scores(SequenceClassifier model, List<Example> examples, int batchSize) {
        int numLabels = model.architecture().encoder().numLabels();
        int pad = model.architecture().encoder().padTokenId();
        Integer[] order = IntStream.range(0, examples.size()).boxed().toArray(Integer[]::new);
        java.util.Arrays.sort(order, Comparator.comparingInt(i -> examples.get(i).ids().length));
        double[] scores = new double[examples.size()];
        for (int from = 0; from < order.length; from += batchSize) {
            List<Integer> chunk = List.of(order).subList(from, Math.min(order.length, from + batchSize));
            float[] logits = model.logits(Batch.of(chunk.stream().map(examples::get).toList(), pad));
            for (int b = 0; b < chunk.size(); b++) {
                scores[chunk.get(b)] = CrossEntropy.softmax(logits, b * numLabels, numLabels)[1];
            }
        }
        return scores;
    }

    /** The card's metrics on {@code examples} (REJECTION = label 1 positive, threshold 0.5). */
    public static Metrics evaluate(SequenceClassifier model, List<Example> examples, int batchSize) {
        int[] labels = examples.stream().mapToInt(Example::label).toArray();
        return Metrics.of(scores(model, examples, batchSize), labels, 0.5);
    }

    // ---------------------------------------------------------------- state and checkpoints

    /** The loop's position, what early stopping remembers, and the history. */
    private static final class State {
        int epoch;
        long step;
        long resumedAt;
        int bestEpoch;
        double bestF1 = Double.NaN;
        int sinceBest;
        Map<String, float[]> best;
        final List<Epoch> history = new ArrayList<>();
    }

    private long dropoutSeed(long step) {
        return new SplittableRandom(config.seed()).split().nextLong() ^ (step * 0x9E3779B97F4A7C15L);
    }

    private static Map<String, float[]> snapshot(List<Param> params) {
        Map<String, float[]> s = new HashMap<>();
        for (Param p : params) {
            s.put(p.name(), p.values().clone());
        }
        return s;
    }

    /** Writes {@code last/} (model, optimizer, state) and, when {@code best}, {@code best/}; replaces old ones. */
    private void save(SequenceClassifier model, AdamW optimizer, State state, int examples, boolean best)
            throws IOException {
        Path root = config.checkpoints();
        Path tmp = root.resolve("last.tmp");
        Files.createDirectories(tmp);
        Safetensors.write(tmp.resolve("model.safetensors"), Checkpoints.toHuggingFace(model));
        Map<String, Safetensors.Tensor> moments = new LinkedHashMap<>();
        optimizer.state().forEach((name, v) -> moments.put(name, new Safetensors.Tensor(new long[] {v.length}, v)));
        Safetensors.write(tmp.resolve("optimizer.safetensors"), moments);
        ObjectNode json = JSON.createObjectNode();
        json.put("epoch", state.epoch).put("global_step", state.step).put("best_epoch", state.bestEpoch)
                .put("best_f1", state.bestF1).put("epochs_since_best", state.sinceBest);
        json.setAll(settings(examples));
        ArrayNode history = json.putArray("history");
        for (Epoch e : state.history) {
            ObjectNode h = history.addObject().put("epoch", e.epoch()).put("train_loss", e.trainLoss())
                    .put("best", e.best());
            if (e.dev() != null) {
                h.set("dev", JSON.valueToTree(e.dev()));
            }
        }
        Files.write(tmp.resolve("trainer_state.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(json));
        if (best && state.best != null) {
            Path bestDir = root.resolve("best");
            Files.createDirectories(bestDir);
            Safetensors.write(bestDir.resolve("model.safetensors.tmp"), Checkpoints.toHuggingFace(model));
            Files.move(bestDir.resolve("model.safetensors.tmp"), bestDir.resolve("model.safetensors"),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        Path last = root.resolve("last");
        if (Files.isDirectory(last)) {
            try (var files = Files.list(last)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(last);
        }
        Files.move(tmp, last);
    }

    /**
     * What decides a run's weights besides the model and the data's content, as a checkpoint records it: a run
     * resumed with other settings would end where neither run would.
     */
    private ObjectNode settings(int examples) {
        ObjectNode s = JSON.createObjectNode();
        s.put("seed", config.seed()).put("batch_size", config.batchSize()).put("train_examples", examples)
                .put("epochs", config.epochs()).put("learning_rate", config.learningRate())
                .put("weight_decay", config.weightDecay()).put("warmup_ratio", config.warmupRatio())
                .put("max_grad_norm", config.maxGradNorm()).put("patience", config.patience())
                .put("group_by_length", config.groupByLength()).put("freeze_encoder", config.freezeEncoder());
        if (config.classWeights() == null) {
            s.putNull("class_weights");
        } else {
            ArrayNode weights = s.putArray("class_weights");
            for (float w : config.classWeights()) {
                weights.add((double) w);
            }
        }
        return s;
    }

    private State restore(SequenceClassifier model, AdamW optimizer, int examples) throws IOException {
        Path last = config.checkpoints().resolve("last");
        Path stateFile = last.resolve("trainer_state.json");
        if (!Files.isRegularFile(stateFile)) {
            throw new IllegalArgumentException("nothing to resume: " + (Files.isDirectory(config.checkpoints())
                    ? stateFile + " does not exist" : config.checkpoints() + " is not a folder")
                    + "; give the checkpoint folder of the run to continue, or start a new run without resuming");
        }
        JsonNode json = JSON.readTree(stateFile.toFile());
        // compared as JSON text: 42 read back is an int, written from a long
        JsonNode want = JSON.readTree(JSON.writeValueAsString(settings(examples)));
        for (var fields = want.fields(); fields.hasNext(); ) {
            var field = fields.next();
            JsonNode had = json.get(field.getKey());
            if (had != null && !had.equals(field.getValue())) { // checkpoints of older runs lack some settings
                throw new IllegalArgumentException(stateFile + ": field '" + field.getKey() + "' is " + had
                        + " but this run has " + field.getValue() + "; resume needs the same data and settings");
            }
        }
        Checkpoints.fromHuggingFace(model, Safetensors.read(last.resolve("model.safetensors")),
                last.resolve("model.safetensors").toString());
        Map<String, float[]> moments = new HashMap<>();
        Safetensors.read(last.resolve("optimizer.safetensors")).forEach((k, v) -> moments.put(k, v.values()));
        State s = new State();
        s.epoch = json.path("epoch").asInt();
        s.step = json.path("global_step").asLong();
        s.resumedAt = s.step;
        s.bestEpoch = json.path("best_epoch").asInt();
        s.bestF1 = json.path("best_f1").asDouble(Double.NaN);
        s.sinceBest = json.path("epochs_since_best").asInt();
        optimizer.restore(moments, s.step, last.resolve("optimizer.safetensors").toString());
        for (JsonNode h : json.path("history")) {
            Metrics dev = h.has("dev") ? metrics(h.get("dev")) : null;
            s.history.add(new Epoch(h.path("epoch").asInt(), h.path("train_loss").asDouble(), dev,
                    h.path("best").asBoolean()));
        }
        Path best = config.checkpoints().resolve("best").resolve("model.safetensors");
        if (Files.isRegularFile(best) && s.history.stream().anyMatch(e -> e.dev() != null)) {
            s.best = new HashMap<>();
            for (var e : Safetensors.read(best).entrySet()) {
                Param p = model.param(e.getKey());
                s.best.put(e.getKey(), Checkpoints.engineLayout(p, e.getValue()));
            }
        }
        return s;
    }

    /** {@link Metrics} from its flat JSON form (Jackson cannot create records with unwrapped parts). */
    private static Metrics metrics(JsonNode j) {
        Confusion c = new Confusion(j.path("tp").asInt(), j.path("fp").asInt(), j.path("tn").asInt(),
                j.path("fn").asInt());
        return new Metrics(j.path("loss").asDouble(), new OperatingPoint(j.path("threshold").asDouble(), c),
                j.hasNonNull("roc_auc") ? j.get("roc_auc").asDouble() : null,
                j.hasNonNull("pr_auc") ? j.get("pr_auc").asDouble() : null);
    }

    static String format(Duration d) {
        long s = d.getSeconds();
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, s / 60 % 60) : String.format("%dm%02ds", s / 60, s % 60);
    }
}
