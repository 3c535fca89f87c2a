package dev.rejection.cli;

import dev.rejection.finetune.train.WeightAverage;
import dev.rejection.model.ModelException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code rejection average}: the weight average of models fine-tuned with one recipe ({@link WeightAverage}). */
@Command(name = "average", mixinStandardHelpOptions = true, versionProvider = Version.class, description = {
        "Average the weights of models that `train --full` wrote from one base and one recipe with different "
                + "--seed values (a uniform model soup): one model of the same size and speed that depends less on "
                + "the seed than any of them.",
        "Writes OUT as `train --full` does (config.json, tokenizer files, model.safetensors, onnx/model.onnx) plus "
                + "average.json naming the models; refuses models whose config.json or tokenizer.json differ."})
public final class AverageCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "2..*", paramLabel = "MODEL_DIR", description = "Model directories written by train --full.")
    List<Path> models;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR",
            description = "Directory to write (created; new or empty unless --replace; not one of the models).")
    Path out;

    @Option(names = "--replace", description = "Replace a model already in --out.")
    boolean replace;

    @Override
    public Integer call() throws IOException {
        for (Path model : models) {
            if (!Files.isDirectory(model)) {
                throw new ParameterException(spec.commandLine(), model + ": not a directory");
            }
            if (Files.exists(out) && Files.isSameFile(model, out)) {
                throw new ParameterException(spec.commandLine(), "--out " + out + " is one of the models averaged");
            }
        }
        for (int i = 0; i < models.size(); i++) {
            for (int j = i + 1; j < models.size(); j++) {
                if (Files.isSameFile(models.get(i), models.get(j))) {
                    throw new ParameterException(spec.commandLine(), models.get(j) + " is given twice (as "
                            + models.get(i) + "): the average would weigh it double");
                }
            }
        }
        ModelOutput.refuseOccupied(spec, "--out", out, replace, "--replace");
        try {
            WeightAverage.write(models, out);
        } catch (IllegalArgumentException | ModelException e) { // models that cannot be averaged, a bad config.json
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        spec.commandLine().getOut().printf("averaged %d models into %s%n", models.size(), out);
        return 0;
    }
}
