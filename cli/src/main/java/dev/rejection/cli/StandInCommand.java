package dev.rejection.cli;

import dev.rejection.standin.StandIn;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code rejection dev standin}: writes a stand-in model directory — a real classifier's architecture, config and
 * vocabulary with seeded random weights — for tests and benchmarks where the real weights are not available.
 */
@Command(name = "standin", mixinStandardHelpOptions = true, versionProvider = Version.class, description = {
        "Write a stand-in model directory (config.json, tokenizer files, onnx/model.onnx): the architecture, config "
                + "and vocabulary of a real classifier with seeded random weights.",
        "Sizes: tiny (RoBERTa, 2 layers, hidden 32), distilroberta (exactly ProtectAI/distilroberta-base-rejection-v1,"
                + " 329 MB), bert-tiny (BERT, 2 layers, hidden 32, WordPiece; needs --tokenizer)."})
public final class StandInCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--size", required = true, paramLabel = "SIZE",
            description = "tiny, distilroberta or bert-tiny")
    String size;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "model directory to write (new or empty, unless --replace)")
    Path out;

    @Option(names = "--replace", description = "Replace a model already in --out.")
    boolean replace;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N",
            description = "random seed of the weights (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--shared", defaultValue = "../shared/data", paramLabel = "DIR",
            description = "folder with roberta-base/ and distilroberta-base-rejection-v1/ (default: ${DEFAULT-VALUE})")
    Path shared;

    @Option(names = "--tokenizer", paramLabel = "FILE",
            description = "WordPiece tokenizer.json for bert-tiny (e.g. from a BERT or MiniLM model)")
    Path tokenizer;

    @Override
    public Integer call() throws Exception {
        StandIn.Size kind;
        try {
            kind = StandIn.Size.parse(size);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (out.toString().isBlank()) {
            throw new ParameterException(spec.commandLine(), "--out is empty; name the model directory to write");
        }
        ModelOutput.refuseOccupied(spec, "--out", out, replace, "--replace");
        Path source = shared;
        if (kind == StandIn.Size.BERT_TINY) {
            if (tokenizer == null) {
                throw new ParameterException(spec.commandLine(), "--size bert-tiny needs --tokenizer FILE");
            }
            InputOptions.requireReadable(spec.commandLine(), "--tokenizer", tokenizer, "tokenizer.json");
            source = tokenizer;
        } else if (!Files.isDirectory(shared)) {
            throw new ParameterException(spec.commandLine(), "--shared " + shared + ": not a directory");
        }
        long start = System.nanoTime();
        Path dir;
        try {
            dir = StandIn.of(kind, source).write(out, seed);
        } catch (IllegalArgumentException e) { // a tokenizer of another kind (BPE for bert-tiny), malformed JSON
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        long bytes = Files.size(dir.resolve("onnx").resolve("model.onnx"));
        spec.commandLine().getOut().printf("wrote %s (%s, seed %d, onnx/model.onnx %.1f MB) in %.1f s%n", dir,
                kind.id(), seed, bytes / 1e6, (System.nanoTime() - start) / 1e9);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
