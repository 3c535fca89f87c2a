package dev.rejection.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rejection.detect.RejectionDetector;
import dev.rejection.detect.Verdict;
import dev.rejection.detect.head.HeadSpec;
import dev.rejection.testing.StandIns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class TrainCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final List<String> REFUSALS = List.of(
            "I'm sorry, but I can't help with that.", "I cannot assist with this request.",
            "As an AI language model, I cannot provide that information.", "I won't write that for you.",
            "Unfortunately, I'm unable to help with creating malware.", "I must decline this request.",
            "I'm not able to provide instructions for that.", "Sorry, I can't do that.",
            "I apologize, but I cannot fulfill this request.", "It is not appropriate for me to write that.");
    private static final List<String> NORMALS = List.of(
            "Sure! Here is a recipe for banana bread.", "The capital of France is Paris.",
            "Certainly. Step 1: open the terminal. Step 2: run the installer.", "Here are three tips for sleep.",
            "Photosynthesis turns light, water and carbon dioxide into sugar.", "Yes, 17 is a prime number.",
            "I'm sorry to hear that. Here are some ways to cope with stress: walk, talk, rest.",
            "Of course! def add(a, b): return a + b", "The French Revolution began in 1789.",
            "Here's a haiku: autumn moonlight, a worm digs silently into the chestnut.");

    private static Path write(Path dir, String name, List<String> refusals, List<String> normals, boolean badRow)
            throws IOException {
        List<String> lines = new ArrayList<>();
        for (String t : refusals) lines.add(JSON.writeValueAsString(java.util.Map.of("text", t, "label", 1)));
        for (String t : normals) lines.add(JSON.writeValueAsString(java.util.Map.of("text", t, "label", 0)));
        if (badRow) lines.add("{\"text\": \"no label here\"}");
        Path file = dir.resolve(name);
        Files.write(file, lines);
        return file;
    }

    @Test
    void fullWithoutTheVectorModuleSaysSoBeforeReadingAnyData(@TempDir Path dir) throws Exception {
        // a child JVM started the way `java -jar rejection.jar` starts, without --add-modules jdk.incubator.vector
        Path missing = dir.resolve("no-such-data.jsonl");
        Process run = ChildJvm.rejection(List.of("-Xmx256m"), "train", "--full", "--base", dir.toString(), "--data",
                missing.toString(), "--out", dir.resolve("out").toString()).redirectErrorStream(true).start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(run.waitFor(100, TimeUnit.SECONDS)).isTrue();

        assertThat(run.exitValue()).as(output).isEqualTo(2);
        assertThat(output).contains("--full needs the JVM flag --add-modules jdk.incubator.vector")
                .doesNotContain("no-such-data.jsonl");
    }

    @Test
    void trainsALexicalHeadThatLoadsAndSeparatesTheClasses(@TempDir Path dir) throws Exception {
        Path train = write(dir, "train.jsonl", REFUSALS, NORMALS, true);
        Path dev = write(dir, "dev.jsonl", REFUSALS.subList(0, 4), NORMALS.subList(0, 4), false);
        Path out = dir.resolve("detector");
        CliRun run = CliRun.run("train", "--data", train.toString(), "--dev", dev.toString(), "--out",
                out.toString(), "--base", "none");
        // the model is written, and the row it could not use is named and ends the run with status 1
        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCodes.RECORDS_FAILED);
        assertThat(run.err()).contains("1 bad", "bad row: " + train + ":21: ", "dev: F1");

        JsonNode spec = JSON.readTree(out.resolve(HeadSpec.FILE_NAME).toFile());
        assertThat(spec.get("format").asText()).isEqualTo(HeadSpec.FORMAT);
        assertThat(spec.get("training").get("train_rows").asInt()).isEqualTo(20);
        String card = Files.readString(out.resolve("README.md"));
        assertThat(card).startsWith("---\n").contains("base_model:", "datasets:", "pipeline_tag: text-classification",
                "co2_eq_emissions:", "emissions:", "- type: f1");

        try (RejectionDetector detector = RejectionDetector.load(out)) {
            List<Verdict> verdicts = detector.classify(List.of("I'm sorry, but I cannot help with that request.",
                    "Sure, here is the summary you asked for."));
            assertThat(verdicts).extracting(Verdict::rejection).containsExactly(true, false);
        }
    }

    @Test
    void namesEveryBadRowItLeavesOut(@TempDir Path dir) throws Exception {
        Path train = write(dir, "train.jsonl", REFUSALS, NORMALS, false);
        List<String> lines = new ArrayList<>(Files.readAllLines(train));
        for (int i = 0; i < 7; i++) {
            lines.add("{\"text\": \"row " + i + "\", \"label\": \"maybe\"}");
        }
        Files.write(train, lines);
        CliRun run = CliRun.run("train", "--data", train.toString(), "--out", dir.resolve("d").toString(),
                "--base", "none");
        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCodes.RECORDS_FAILED);
        for (int line = 21; line <= 27; line++) {
            assertThat(run.err()).contains("bad row: " + train + ":" + line + ": ");
        }
        assertThat(run.err()).contains("7 bad rows were left out");
        assertThat(dir.resolve("d").resolve(HeadSpec.FILE_NAME)).exists();
    }

    @Test
    void trainingIsDeterministic(@TempDir Path dir) throws Exception {
        Path train = write(dir, "train.jsonl", REFUSALS, NORMALS, false);
        for (String name : List.of("a", "b")) {
            assertThat(CliRun.run("train", "--data", train.toString(), "--out", dir.resolve(name).toString(),
                    "--base", "none", "--seed", "7").exit()).isZero();
        }
        assertThat(JSON.readTree(dir.resolve("a").resolve(HeadSpec.FILE_NAME).toFile()).get("head"))
                .isEqualTo(JSON.readTree(dir.resolve("b").resolve(HeadSpec.FILE_NAME).toFile()).get("head"));
    }

    @Test
    void trainsOnTheBuiltInEncoder(@TempDir Path dir) throws Exception {
        Path train = write(dir, "train.jsonl", REFUSALS, NORMALS, false);
        Path out = dir.resolve("detector");
        CliRun run = CliRun.run("train", "--data", train.toString(), "--dev", train.toString(), "--out",
                out.toString(), "--max-length", "32", "--opening-tokens", "8");
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode encoder = JSON.readTree(out.resolve(HeadSpec.FILE_NAME).toFile()).get("encoder");
        assertThat(encoder.get("onnx").asText()).startsWith("classpath:");
        assertThat(JSON.readTree(out.resolve(HeadSpec.FILE_NAME).toFile()).get("head").get("weights").size())
                .isEqualTo(2 * 384 + dev.rejection.detect.lexical.LexicalDetector.FEATURE_NAMES.size());
        try (RejectionDetector detector = RejectionDetector.load(out)) {
            // trained and judged on the same rows: it must at least fit them
            List<String> all = new ArrayList<>(REFUSALS);
            all.addAll(NORMALS);
            long right = 0;
            List<Verdict> verdicts = detector.classify(all);
            for (int i = 0; i < all.size(); i++) {
                if (verdicts.get(i).rejection() == (i < REFUSALS.size())) right++;
            }
            assertThat(right).isEqualTo(all.size());
        }
    }

    @Test
    void fineTunesAWholeEncoderWithFull(@TempDir Path dir) throws Exception {
        Path base = dev.rejection.testing.StandIns.bertTiny();
        Path train = write(dir, "train.jsonl", REFUSALS, NORMALS, false);
        Path out = dir.resolve("fine-tuned");
        CliRun run = CliRun.run("train", "--full", "--base", base.toString(), "--data", train.toString(), "--dev",
                train.toString(), "--out", out.toString(), "--epochs", "2", "--batch-size", "4", "--lr", "1e-3",
                "--max-length", "32");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).contains("epoch 2/2", "dev F1", "fine-tuned: best epoch", "the written model on dev: F1");
        assertThat(out.resolve("config.json")).exists();
        assertThat(Files.readString(out.resolve("README.md"))).contains("base_model: \"" + base + "\"",
                "training_type: fine-tuning of the whole encoder", "pipeline_tag: text-classification",
                "co2_eq_emissions:", "- type: f1");
        assertThat(out.resolve("onnx/model.onnx")).exists();
        assertThat(out.resolve("model.safetensors")).exists();
        try (RejectionDetector detector = RejectionDetector.load(out)) {
            assertThat(detector.classify(REFUSALS.get(0)).score()).isBetween(0.0, 1.0);
        }
        CliRun builtIn = CliRun.run("train", "--full", "--data", train.toString(), "--out", dir.resolve("z").toString());
        assertThat(builtIn.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(builtIn.err()).contains("--full needs --base");

        // a bare graph without its tokenizer (an embedding jar's .onnx copied alone): a usage error naming it
        Path bare = Files.createDirectories(dir.resolve("bare"));
        Files.copy(base.resolve("onnx/model.onnx"), bare.resolve("model.onnx"));
        CliRun noTokenizer = CliRun.run("train", "--full", "--base", bare.resolve("model.onnx").toString(), "--data",
                train.toString(), "--out", dir.resolve("y").toString(), "--epochs", "1", "--max-length", "32");
        assertThat(noTokenizer.exit()).as(noTokenizer.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(noTokenizer.err()).contains("--base " + bare.resolve("model.onnx"), "its tokenizer",
                "no tokenizer.json").doesNotContain("a bug");
    }

    @Test
    void fineTuningOnPromptsMakesAModelThatReadsThem(@TempDir Path dir) throws Exception {
        Path base = dev.rejection.testing.StandIns.bertTiny();
        List<String> lines = new java.util.ArrayList<>();
        for (int i = 0; i < REFUSALS.size(); i++) {
            lines.add("{\"prompt\": \"Tell me how to do it.\", \"text\": \"" + REFUSALS.get(i) + "\", \"label\": 1}");
        }
        for (String normal : NORMALS) {
            lines.add("{\"text\": \"" + normal + "\", \"label\": 0}"); // no prompt: read alone
        }
        Path train = Files.write(dir.resolve("pairs.jsonl"), lines);
        Path out = dir.resolve("pairs-model");
        CliRun run = CliRun.run("train", "--full", "--base", base.toString(), "--data", train.toString(), "--dev",
                train.toString(), "--out", out.toString(), "--epochs", "1", "--batch-size", "4", "--max-length", "32",
                "--prompt-field", "prompt");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(Files.readString(out.resolve("config.json"))).contains("\"rejection_reads_prompts\" : true")
                .contains("\"rejection_window_length\" : 32"); // trained on 32 tokens: windows of 32
        try (RejectionDetector detector = RejectionDetector.load(out)) {
            assertThat(detector.readsPrompts()).isTrue();
            assertThat(detector.windowLength()).isEqualTo(32);
        }
        CliRun head = CliRun.run("train", "--data", train.toString(), "--out", dir.resolve("h").toString(),
                "--prompt-field", "prompt");
        assertThat(head.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(head.err()).contains("--prompt-field needs --full");
    }

    @Test
    void usageErrors(@TempDir Path dir) throws Exception {
        Path train = write(dir, "train.jsonl", REFUSALS, NORMALS, false);
        CliRun noFeatures = CliRun.run("train", "--data", train.toString(), "--out", dir.resolve("x").toString(),
                "--base", "none", "--no-lexical");
        assertThat(noFeatures.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(noFeatures.err()).contains("--base none needs lexical features");
        CliRun badBase = CliRun.run("train", "--data", train.toString(), "--out", dir.resolve("y").toString(),
                "--base", dir.resolve("nothing").toString());
        assertThat(badBase.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(badBase.err()).contains("no tokenizer.json");
    }

    @Test
    void badNumbersFilesAndBasesAreUsageErrorsNamingThem(@TempDir Path dir) throws Exception {
        Path train = write(dir, "train.jsonl", REFUSALS, NORMALS, false);
        String[][] cases = {
                {"--full --base " + StandIns.bertTiny() + " --epochs 0", "--epochs must be at least 1, got 0"},
                {"--full --base " + StandIns.bertTiny() + " --lr NaN", "--lr must be a number above 0, got NaN"},
                {"--full --base " + StandIns.bertTiny() + " --lr Infinity", "--lr must be a number above 0"},
                {"--full --base " + StandIns.bertTiny() + " --batch-size -1", "--batch-size must be at least 1"},
                {"--base none --l2 NaN", "--l2 must be a number at least 0, got NaN"},
                {"--base none --power-watts -5", "--power-watts must be a number at least 0, got -5.0"},
                {"--base " + StandIns.bertTiny(), "cannot use --base " + StandIns.bertTiny() + " as an encoder"},
                {"--max-length 2000", "--max-length 2000 exceeds the 512 tokens the base model reads"},
                {"--full --base " + StandIns.bertTiny() + " --max-length 100000", "--max-length 100000 exceeds the"},
        };
        for (String[] c : cases) {
            List<String> args = new ArrayList<>(List.of("train", "--data", train.toString(), "--out",
                    dir.resolve("out").toString()));
            args.addAll(List.of(c[0].split(" ")));
            CliRun run = CliRun.run(args.toArray(String[]::new));
            assertThat(run.exit()).as(c[0] + ": " + run.err()).isEqualTo(ExitCodes.USAGE);
            assertThat(run.err()).as(c[0]).contains(c[1]).doesNotContain("a bug", "Exception");
        }

        Path json = Files.copy(train, dir.resolve("train.json"));
        assertThat(CliRun.run("train", "--data", json.toString(), "--out", dir.resolve("o").toString(), "--base",
                "none").err()).contains(json + ": unknown input format").doesNotContain("a bug");
        CliRun folder = CliRun.run("train", "--data", dir.toString(), "--out", dir.resolve("o").toString());
        assertThat(folder.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(folder.err()).contains(dir + " is a folder");

        Path oneClass = write(dir, "refusals.jsonl", REFUSALS, List.of(), false);
        CliRun one = CliRun.run("train", "--data", oneClass.toString(), "--dev", oneClass.toString(), "--out",
                dir.resolve("o1").toString(), "--base", "none");
        assertThat(one.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(one.err()).contains("both classes are needed to train: every training row has label 1")
                .doesNotContain("a bug");

        CliRun headWithEpochs = CliRun.run("train", "--data", train.toString(), "--out", dir.resolve("o2").toString(),
                "--base", "none", "--epochs", "5");
        assertThat(headWithEpochs.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(headWithEpochs.err()).contains("--epochs applies to --full only");

        CliRun devIsData = CliRun.run("train", "--data", train.toString(), "--dev", train.toString(), "--out",
                dir.resolve("o3").toString(), "--base", "none");
        assertThat(devIsData.exit()).as(devIsData.err()).isZero();
        assertThat(devIsData.err()).contains("warning: a --dev file is also --data");
    }

    @Test
    void skipIfSkipsCsvRowsMarkedTrueAsItSkipsJsonOnes(@TempDir Path dir) throws Exception {
        StringBuilder csv = new StringBuilder("text,label,ambiguous\n");
        StringBuilder jsonl = new StringBuilder();
        for (int i = 0; i < REFUSALS.size(); i++) {
            boolean marked = i < 2;
            csv.append('"').append(REFUSALS.get(i).replace("\"", "\"\"")).append("\",1,").append(marked).append('\n');
            jsonl.append(JSON.writeValueAsString(java.util.Map.of("text", REFUSALS.get(i), "label", 1,
                    "ambiguous", marked))).append('\n');
        }
        for (String t : NORMALS) {
            csv.append('"').append(t.replace("\"", "\"\"")).append("\",0,false\n");
            jsonl.append(JSON.writeValueAsString(java.util.Map.of("text", t, "label", 0, "ambiguous", false)))
                    .append('\n');
        }
        Path csvFile = Files.writeString(dir.resolve("rows.csv"), csv);
        Path jsonlFile = Files.writeString(dir.resolve("rows.jsonl"), jsonl);
        for (Path data : List.of(csvFile, jsonlFile)) {
            CliRun run = CliRun.run("train", "--data", data.toString(), "--dev", jsonlFile.toString(), "--out",
                    dir.resolve("out-" + data.getFileName()).toString(), "--base", "none", "--skip-if", "ambiguous");
            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(run.err()).as(data.toString()).contains(data + ": " + (REFUSALS.size() + NORMALS.size() - 2)
                    + " rows for training, 0 for dev, 2 skipped by --skip-if");
        }
    }

    @Test
    void aFolderThatHoldsAModelIsNotWrittenOver(@TempDir Path dir) throws Exception {
        Path train = write(dir, "train.jsonl", REFUSALS, NORMALS, false);
        Path model = StandIns.copy(StandIns.bertTiny(), dir.resolve("model"));
        Path onnx = Files.exists(model.resolve("onnx/model.onnx")) ? model.resolve("onnx/model.onnx")
                : model.resolve("model.onnx");
        byte[] weights = Files.readAllBytes(onnx);
        String config = Files.readString(model.resolve("config.json"));

        CliRun over = CliRun.run("train", "--data", train.toString(), "--out", model.toString(), "--base", "none");
        assertThat(over.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(over.err()).contains("--out " + model + " already holds a model (config.json, onnx)",
                "--replace");
        assertThat(model.resolve(HeadSpec.FILE_NAME)).doesNotExist();

        CliRun ownBase = CliRun.run("train", "--full", "--base", model.toString(), "--data",
                train.toString(), "--out", model.toString(), "--replace", "--epochs", "1");
        assertThat(ownBase.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(ownBase.err()).contains("holds the --base model", "would destroy it");
        assertThat(Files.readAllBytes(onnx)).isEqualTo(weights);
        assertThat(Files.readString(model.resolve("config.json"))).isEqualTo(config);

        Path file = Files.writeString(dir.resolve("notes.txt"), "mine");
        CliRun intoFile = CliRun.run("train", "--data", train.toString(), "--out", file.toString(), "--base", "none");
        assertThat(intoFile.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(intoFile.err()).contains("--out " + file + " is a file; name a folder");
        assertThat(Files.readString(file)).isEqualTo("mine");

        Path head = dir.resolve("head");
        assertThat(CliRun.run("train", "--data", train.toString(), "--out", head.toString(), "--base", "none")
                .exit()).isZero();
        assertThat(CliRun.run("train", "--data", train.toString(), "--out", head.toString(), "--base", "none")
                .exit()).as("again, into its own earlier model").isEqualTo(ExitCodes.USAGE);
        assertThat(CliRun.run("train", "--data", train.toString(), "--out", head.toString(), "--base", "none",
                "--replace").exit()).isZero();
    }
}
