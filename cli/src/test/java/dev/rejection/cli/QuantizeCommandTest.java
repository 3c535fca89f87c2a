package dev.rejection.cli;

import dev.rejection.testing.StandIns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code rejection quantize} end to end on the tiny stand-in. */
class QuantizeCommandTest {

    private static final List<String> TEXTS = List.of("I'm sorry, but I can't help with that.",
            "The capital of France is Paris.", "As an AI language model, I cannot do that.", "OK",
            "Here is a simple recipe: mix flour, eggs and milk, then fry the batter in a hot pan.");

    @TempDir
    Path tmp;

    private Path calibration() throws IOException {
        return Files.write(tmp.resolve("calibration.txt"), TEXTS);
    }

    @Test
    void writesAnInt8ModelDirectoryThatClassifies() {
        Path out = tmp.resolve("int8");
        // the built-in calibration set: agreement 194/194 on the tiny stand-in (seed 42)
        CliRun run = CliRun.run("quantize", "--model", StandIns.tiny().toString(), "--out", out.toString(),
                "--threads", "1");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("13 MatMul/Gemm and 2 embedding tables in int8")
                .containsPattern("on 19\\d calibration texts \\(built-in\\): labels agree on")
                .contains("logit correlation").contains("wrote " + out.resolve("onnx/model_quantized.onnx"));
        assertThat(out.resolve("config.json")).isRegularFile();
        assertThat(out.resolve("tokenizer.json")).isRegularFile();
        assertThat(out.resolve("onnx/model_quantized.onnx")).isRegularFile();

        CliRun classify = CliRun.run("classify", "--model", out.toString(), "--onnx-file",
                "onnx/model_quantized.onnx", TEXTS.get(0), TEXTS.get(1));
        assertThat(classify.exit()).as(classify.err()).isZero();
        assertThat(classify.out().lines()).hasSize(2);
    }

    @Test
    void anotherModelsFolderIsNotWrittenOverItsOwnOrAnEarlierRunsIs() throws IOException {
        Path other = StandIns.copy(StandIns.bertTiny(), tmp.resolve("bert"));
        String config = Files.readString(other.resolve("config.json"));
        CliRun refused = CliRun.run("quantize", "--model", StandIns.tiny().toString(), "--out", other.toString(),
                "--force", "--calibration", calibration().toString());
        assertThat(refused.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(refused.err()).contains("--out " + other + " holds another model (its config.json differs from");
        assertThat(Files.readString(other.resolve("config.json"))).isEqualTo(config);
        assertThat(other.resolve("onnx/model_quantized.onnx")).doesNotExist();

        Path out = tmp.resolve("int8");
        for (int run = 0; run < 2; run++) { // a retrain's script quantizes into the same folder again
            CliRun written = CliRun.run("quantize", "--model", StandIns.tiny().toString(), "--out", out.toString(),
                    "--force", "--calibration", calibration().toString());
            assertThat(written.exit()).as(written.err()).isZero();
        }
    }

    @Test
    void theGuardRefusesAndForceWrites() throws IOException {
        Path out = tmp.resolve("int8");
        // int8 moves every score a little (max |Δp| ~0.007 on the tiny stand-in): 1e-6 cannot be met
        String[] args = {"quantize", "--model", StandIns.tiny().toString(), "--out", out.toString(),
            "--calibration", calibration().toString(), "--max-delta", "0.000001", "--threads", "1"};
        CliRun refused = CliRun.run(args);
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.out()).contains("on 5 calibration texts");
        assertThat(refused.err()).contains("refusing to write").contains("more than the maximum 0.00000")
                .contains("--force");
        assertThat(out).doesNotExist();

        String[] forced = java.util.Arrays.copyOf(args, args.length + 1);
        forced[args.length] = "--force";
        CliRun written = CliRun.run(forced);
        assertThat(written.exit()).as(written.err()).isZero();
        assertThat(written.out()).contains("warning (--force): a score moved by");
        assertThat(out.resolve("onnx/model_quantized.onnx")).isRegularFile();
    }

    @Test
    void keepFloatLeavesTheNamedWeightsFloatAndRefusesAPatternThatNamesNone() throws IOException {
        Path out = tmp.resolve("int8-layer0-float");
        CliRun run = CliRun.run("quantize", "--model", StandIns.tiny().toString(), "--out", out.toString(),
                "--calibration", calibration().toString(), "--keep-float", ".*layer\\.0\\..*", "--threads", "1");
        assertThat(run.exit()).as(run.err()).isZero();
        // the first of the two layers' six matrices stay float: 7 of 13 in int8
        assertThat(run.out()).contains("7 MatMul/Gemm and 2 embedding tables in int8");

        CliRun none = CliRun.run("quantize", "--model", StandIns.tiny().toString(), "--out",
                tmp.resolve("x").toString(), "--calibration", calibration().toString(), "--keep-float", ".*pooler.*");
        assertThat(none.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(none.err()).contains("--keep-float '.*pooler.*' matches no weight of").contains("named like '");
        CliRun bad = CliRun.run("quantize", "--model", StandIns.tiny().toString(), "--out", tmp.resolve("x").toString(),
                "--keep-float", "(unclosed");
        assertThat(bad.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err()).contains("--keep-float: not a regular expression: Unclosed group");
        assertThat(tmp.resolve("x")).doesNotExist();
    }

    @Test
    void smoothMeasuresTheNamedInputsAndWritesAModelThatClassifies() throws IOException {
        Path out = tmp.resolve("smoothed");
        CliRun run = CliRun.run("quantize", "--model", StandIns.tiny().toString(), "--out", out.toString(),
                "--calibration", calibration().toString(), "--smooth", ".*(intermediate|output)\\.dense.*",
                "--threads", "1");
        assertThat(run.exit()).as(run.err()).isZero();
        // 2 layers x (attention output, intermediate, feed-forward output); with the last layer narrowed to the
        // first token, all three still read one input each
        assertThat(run.out()).contains("smoothed 6 MatMul inputs (alpha 0.80; channel ranges from 5 calibration texts)")
                .contains("13 MatMul/Gemm and 2 embedding tables in int8").contains("labels agree on 5/5");
        CliRun classify = CliRun.run("classify", "--model", out.toString(), "--onnx-file",
                "onnx/model_quantized.onnx", TEXTS.get(0));
        assertThat(classify.exit()).as(classify.err()).isZero();

        CliRun none = CliRun.run("quantize", "--model", StandIns.tiny().toString(), "--out",
                tmp.resolve("x").toString(), "--calibration", calibration().toString(), "--smooth", ".*pooler.*");
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains("--smooth '.*pooler.*' names no MatMul weight of");
        CliRun alpha = CliRun.run("quantize", "--model", StandIns.tiny().toString(), "--out",
                tmp.resolve("x").toString(), "--smooth", ".*", "--smooth-alpha", "1.5");
        assertThat(alpha.exit()).isEqualTo(2);
        assertThat(alpha.err()).contains("--smooth-alpha must be in [0, 1], got 1.5");
        CliRun bad = CliRun.run("quantize", "--model", StandIns.tiny().toString(), "--out",
                tmp.resolve("x").toString(), "--smooth", "[x");
        assertThat(bad.err()).contains("--smooth: not a regular expression: Unclosed character class");
        assertThat(tmp.resolve("x")).doesNotExist();
    }

    @Test
    void firstTokenLastLayerIsAppliedBeforeQuantizing() throws IOException {
        Path out = tmp.resolve("int8-first-token");
        CliRun run = CliRun.run("quantize", "--model", StandIns.tiny().toString(), "--out", out.toString(),
                "--calibration", calibration().toString(), "--first-token-last-layer", "--threads", "1");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("last layer for the first token only").contains("labels agree on 5/5");
        assertThat(new String(Files.readAllBytes(out.resolve("onnx/model_quantized.onnx")),
                java.nio.charset.StandardCharsets.ISO_8859_1)).contains("/first_token");
    }

    @Test
    void firstTokenLastLayerIsTheDefaultAndCanBeTurnedOff() throws IOException {
        Path byDefault = tmp.resolve("int8-default");
        CliRun run = CliRun.run("quantize", "--model", StandIns.tiny().toString(), "--out", byDefault.toString(),
                "--calibration", calibration().toString(), "--threads", "1");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("last layer for the first token only");
        assertThat(new String(Files.readAllBytes(byDefault.resolve("onnx/model_quantized.onnx")),
                java.nio.charset.StandardCharsets.ISO_8859_1)).contains("/first_token");

        Path off = tmp.resolve("int8-every-token");
        CliRun kept = CliRun.run("quantize", "--model", StandIns.tiny().toString(), "--out", off.toString(),
                "--calibration", calibration().toString(), "--no-first-token-last-layer", "--threads", "1");
        assertThat(kept.exit()).as(kept.err()).isZero();
        assertThat(kept.out()).doesNotContain("first token");
        assertThat(new String(Files.readAllBytes(off.resolve("onnx/model_quantized.onnx")),
                java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("/first_token");
    }

    @Test
    void badOptionsAndCalibrationFilesAreUsageErrors() throws IOException {
        String model = StandIns.tiny().toString();
        CliRun range = CliRun.run("quantize", "--model", model, "--out", tmp.toString(), "--min-agreement", "1.5");
        assertThat(range.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(range.err()).contains("--min-agreement must be in [0, 1], got 1.5");

        Path bad = Files.write(tmp.resolve("bad.jsonl"), List.of("{\"text\": \"fine\"}", "{\"txt\": \"no text\"}"));
        CliRun badFile = CliRun.run("quantize", "--model", model, "--out", tmp.toString(), "--calibration",
                bad.toString());
        assertThat(badFile.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(badFile.err()).contains("--calibration").contains("bad.jsonl:2: missing field \"text\"");

        CliRun noModel = CliRun.run("quantize", "--model", tmp.resolve("missing").toString(), "--out",
                tmp.toString());
        assertThat(noModel.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(noModel.err()).contains("missing");

        Path notOnnx = StandIns.copy(StandIns.tiny(), tmp.resolve("not-onnx"));
        Path graph = Files.exists(notOnnx.resolve("onnx/model.onnx")) ? notOnnx.resolve("onnx/model.onnx")
                : notOnnx.resolve("model.onnx");
        Files.writeString(graph, "this is not an ONNX graph");
        CliRun text = CliRun.run("quantize", "--model", notOnnx.toString(), "--out", tmp.resolve("q").toString(),
                "--calibration", calibration().toString());
        assertThat(text.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(text.err()).contains("cannot read the model's graph").doesNotContain("a bug");
    }
}
