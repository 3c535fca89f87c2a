package dev.rejection.finetune.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rejection.finetune.Example;
import dev.rejection.finetune.SequenceClassifier;
import dev.rejection.finetune.io.Checkpoints;
import dev.rejection.finetune.io.ModelWriter;
import dev.rejection.model.ModelConfig;
import dev.rejection.tokenizer.Encoding;
import dev.rejection.tokenizer.Tokenizer;
import dev.rejection.tokenizer.Truncation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code rejection train --full}: fine-tune a pretrained encoder on labelled texts and write a model directory
 * that {@code RejectionDetector.load} runs. Loads the base ({@link Checkpoints#load}), tokenizes with the base's
 * tokenizer truncated to {@code maxLength}, trains with {@link FineTuner}, writes {@code out} with
 * {@link ModelWriter} plus {@code training.json} (settings and per-epoch metrics, for the model card).
 *
 * <pre>{@code
 * FineTuner.Result r = new FineTuneJob(Path.of("distilroberta-base"), null, train, dev, Path.of("out"),
 *         FineTuneJob.LABELS, 512, FineTuner.Config.defaults()).run(FineTuner.Progress.logging());
 * }</pre>
 *
 * @param base      a Hugging Face model directory or an fp32 {@code .onnx} encoder
 * @param tokenizer a {@code tokenizer.json} or a directory with tokenizer files; null: the base's directory
 * @param train     training texts
 * @param dev       dev texts, evaluated after every epoch (may be empty)
 * @param out       the model directory to write
 * @param labels    class names by index
 * @param maxLength tokens per text, special tokens included (the card truncates at 512)
 * @param config    hyper-parameters
 */
public record FineTuneJob(Path base, Path tokenizer, List<LabeledText> train, List<LabeledText> dev, Path out,
                          List<String> labels, int maxLength, FineTuner.Config config) {

    /** The detector's labels. */
    public static final List<String> LABELS = List.of("NORMAL", "REJECTION");

    private static final Logger LOG = LoggerFactory.getLogger(FineTuneJob.class);

    public FineTuneJob {
        train = List.copyOf(train);
        dev = List.copyOf(dev);
        labels = List.copyOf(labels);
    }

    public FineTuner.Result run(FineTuner.Progress progress) throws IOException {
        Checkpoints.Loaded loaded = Checkpoints.load(base, labels.size(), config.seed());
        SequenceClassifier model = loaded.model();
        if (!loaded.initialized().isEmpty()) {
            LOG.info("fresh (not in the base): {}", loaded.initialized());
        }
        Path tokenizerSource = tokenizer != null ? tokenizer : loaded.directory();
        Tokenizer tok = Files.isRegularFile(tokenizerSource) ? Tokenizer.fromFile(tokenizerSource)
                : Tokenizer.fromDirectory(tokenizerSource);
        var e = model.architecture().encoder();
        // RoBERTa's positions start after the pad id, so its table holds pad + 1 fewer tokens
        int positions = e.maxPositionEmbeddings() - (model.architecture().roberta() ? e.padTokenId() + 1 : 0);
        int length = Math.min(maxLength, positions);
        Tokenizer truncating = tok.withoutPadding().withTruncation(Truncation.of(length));
        List<Example> trainExamples = encode(truncating, train, "training");
        List<Example> devExamples = encode(truncating, dev, "dev");
        LOG.info("fine-tuning {} ({} parameters) on {} texts, dev {}", base, model.parameterCount(),
                trainExamples.size(), devExamples.size());
        FineTuner.Result result = new FineTuner(config, progress).train(model, trainExamples, devExamples);
        Files.createDirectories(out);
        Files.write(out.resolve("training.json"), report(result, length).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        ModelWriter.write(model, reading(loaded.config(), train.stream().anyMatch(t -> t.prompt() != null),
                length < positions ? length : 0), tokenizerSource, labels, out);
        return result;
    }

    /**
     * The base's config with what this training means for reading the model: a model trained on (prompt, answer)
     * pairs says so, so that detectors give it prompts (and only it); a model trained on texts cut shorter than it
     * can read ({@code windowLength} > 0) reads long texts in windows of that length in window mode. Said either
     * way: a base's own marks are the base's training, not this one's.
     */
    private static ObjectNode reading(JsonNode base, boolean readsPrompts, int windowLength) {
        ObjectNode config = base instanceof ObjectNode o ? o.deepCopy() : new ObjectMapper().createObjectNode();
        config.remove(List.of(ModelConfig.READS_PROMPTS, ModelConfig.WINDOW_LENGTH));
        if (readsPrompts) {
            config.put(ModelConfig.READS_PROMPTS, true);
        }
        if (windowLength > 0) {
            config.put(ModelConfig.WINDOW_LENGTH, windowLength);
        }
        return config;
    }

    private List<Example> encode(Tokenizer tok, List<LabeledText> texts, String what) {
        return texts.stream().map(t -> {
            if (t.label() < 0 || t.label() >= labels.size()) {
                throw new IllegalArgumentException(what + " text has label " + t.label() + ", not in [0, "
                        + labels.size() + ")");
            }
            Encoding enc = t.prompt() == null ? tok.encode(t.text()) : tok.encodePair(t.prompt(), t.text(), true);
            return new Example(enc.ids(), enc.typeIds(), t.label());
        }).toList();
    }

    private String report(FineTuner.Result r, int length) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("base", base.toString()).put("max_length", length).put("train_texts", train.size())
                .put("dev_texts", dev.size()).put("best_epoch", r.bestEpoch()).put("stopped_early", r.stoppedEarly())
                .put("training_tokens", r.trainingTokens()).put("tokens_per_second", r.tokensPerSecond());
        root.set("config", json.valueToTree(config));
        ArrayNode history = root.putArray("history");
        for (FineTuner.Epoch e : r.history()) {
            ObjectNode h = history.addObject().put("epoch", e.epoch()).put("train_loss", e.trainLoss());
            if (e.dev() != null) {
                h.set("dev", json.valueToTree(e.dev()));
            }
        }
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }
}
