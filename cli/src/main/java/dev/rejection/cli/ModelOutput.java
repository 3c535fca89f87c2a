package dev.rejection.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The folder a command writes a model into (train, average, quantize): checked before any work, so that a run never
 * writes over a model that is already there (its weights replaced under another model's config and card) or over
 * its own input.
 */
final class ModelOutput {
    /** The files and folders that make a folder hold a model that {@code --model} would load. */
    static final List<String> MODEL_FILES = List.of("config.json", "detector.json", "model.safetensors", "model.onnx",
            "onnx");

    private ModelOutput() {
    }

    /** The model files already in {@code dir}; empty when it does not exist or holds none. */
    static List<String> modelFiles(Path dir) {
        return MODEL_FILES.stream().filter(name -> Files.exists(dir.resolve(name))).toList();
    }

    /**
     * Refuses {@code dir} (given as {@code option}) when it is a file, or holds a model and {@code replace} is off.
     *
     * @throws ParameterException saying which, and what to do
     */
    static void refuseOccupied(CommandSpec spec, String option, Path dir, boolean replace, String replaceOption) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new ParameterException(spec.commandLine(), option + " " + dir + " is a file; name a folder");
        }
        List<String> found = modelFiles(dir);
        if (!found.isEmpty() && !replace) {
            throw new ParameterException(spec.commandLine(), option + " " + dir + " already holds a model ("
                    + String.join(", ", found) + "); name a new or empty folder, or give " + replaceOption
                    + " to replace it");
        }
    }

    /** Whether {@code file} is {@code dir} or inside it (an input the output would write over). */
    static boolean inside(Path file, Path dir) {
        try {
            Path folder = dir.toAbsolutePath().normalize();
            Path path = file.toAbsolutePath().normalize();
            if (Files.exists(dir) && Files.exists(file)) {
                folder = dir.toRealPath();
                path = file.toRealPath();
            }
            return path.startsWith(folder);
        } catch (IOException e) {
            return false; // the load names what is wrong with it
        }
    }
}
