package dev.rejection.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rejection.eval.Metrics;
import dev.rejection.finetune.Example;
import dev.rejection.finetune.SequenceClassifier;
import dev.rejection.finetune.io.Checkpoints;
import dev.rejection.finetune.train.FineTuner;
import dev.rejection.tokenizer.Encoding;
import dev.rejection.tokenizer.Tokenizer;
import dev.rejection.tokenizer.Truncation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Does fine-tuning beat a frozen encoder? Trains the same base twice on the same texts — head only (encoder frozen,
 * lr 1e-3) and the whole model (lr 5e-5) — and prints both dev metrics. A main, not a test: it takes minutes.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar dev.rejection.bench.FrozenVsFineTuned \
 *     BASE TOKENIZER TRAIN.jsonl DEV.jsonl [train rows] [dev rows] [max tokens] [epochs]
 * </pre>
 * JSONL rows need {@code text} and {@code label} (0/1); a row with a {@code split} field is used only when it is
 * {@code train} in TRAIN and {@code dev} in DEV.
 */
public final class FrozenVsFineTuned {

    private FrozenVsFineTuned() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 4) {
            System.err.println("usage: FrozenVsFineTuned BASE TOKENIZER TRAIN.jsonl DEV.jsonl [train rows] [dev rows]"
                    + " [max tokens] [epochs]");
            System.exit(2);
        }
        Path base = Path.of(args[0]);
        Path tokenizerPath = Path.of(args[1]);
        int trainRows = args.length > 4 ? Integer.parseInt(args[4]) : 1000;
        int devRows = args.length > 5 ? Integer.parseInt(args[5]) : 500;
        int maxTokens = args.length > 6 ? Integer.parseInt(args[6]) : 64;
        int epochs = args.length > 7 ? Integer.parseInt(args[7]) : 3;
        Tokenizer tokenizer = (Files.isRegularFile(tokenizerPath) ? Tokenizer.fromFile(tokenizerPath)
                : Tokenizer.fromDirectory(tokenizerPath)).withoutPadding().withTruncation(Truncation.of(maxTokens));
        List<Example> train = read(Path.of(args[2]), "train", trainRows, tokenizer);
        List<Example> dev = read(Path.of(args[3]), "dev", devRows, tokenizer);
        System.out.printf("%d train, %d dev texts, at most %d tokens, %d epochs%n", train.size(), dev.size(),
                maxTokens, epochs);
        FineTuner.Config common = FineTuner.Config.defaults().withEpochs(epochs);
        report("frozen encoder", base, common.withFrozenEncoder(true).withLearningRate(1e-3), train, dev);
        report("fine-tuned", base, common.withLearningRate(5e-5), train, dev);
    }

    private static void report(String name, Path base, FineTuner.Config config, List<Example> train,
                               List<Example> dev) throws IOException {
        SequenceClassifier model = Checkpoints.load(base, 2, config.seed()).model();
        long t0 = System.nanoTime();
        FineTuner.Result r = new FineTuner(config, FineTuner.Progress.logging()).train(model, train, dev);
        Metrics m = r.bestDev();
        System.out.printf("%-15s dev loss %.4f acc %.4f P %.4f R %.4f F1 %.4f (best epoch %d, %.0f s, %.0f tokens/s)%n",
                name, m.loss(), m.confusion().accuracy(), m.confusion().precision(), m.confusion().recall(),
                m.confusion().f1(), r.bestEpoch(), (System.nanoTime() - t0) / 1e9, r.tokensPerSecond());
    }

    private static List<Example> read(Path file, String split, int limit, Tokenizer tokenizer) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Example> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size() && out.size() < limit; i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            JsonNode row = json.readTree(lines.get(i));
            if (row.has("split") && !row.get("split").asText().equals(split)) {
                continue;
            }
            if (!row.path("text").isTextual() || !row.path("label").canConvertToInt()) {
                throw new IOException(file + " line " + (i + 1) + ": needs a string 'text' and an integer 'label'");
            }
            Encoding e = tokenizer.encode(row.get("text").asText());
            out.add(new Example(e.ids(), e.typeIds(), row.get("label").asInt()));
        }
        return out;
    }
}
