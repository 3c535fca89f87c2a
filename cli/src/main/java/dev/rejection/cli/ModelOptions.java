package dev.rejection.cli;

import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Which model to run and how: its directory, ONNX file, maximum length and threads. */
final class ModelOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = {"-m", "--model"}, paramLabel = HubModels.LABEL,
            description = "Model directory in Hugging Face layout: config.json (with id2label), tokenizer.json "
                    + "(or vocab.json + merges.txt, or vocab.txt) and model.onnx or onnx/model.onnx; or a Hub "
                    + "model id org/name[@revision], downloaded once into the Hugging Face cache (see 'rejection "
                    + "models'). Default: the embedded detector shipped in the jar.")
    String model;

    @Option(names = "--onnx-file", paramLabel = "PATH",
            description = "ONNX file inside the model directory to run, e.g. onnx/model_quantized.onnx.")
    String onnxFile;

    @Option(names = "--max-length", paramLabel = "N",
            description = "Cut texts to N tokens, special tokens included (default: the model's maximum, 512 for "
                    + "RoBERTa).")
    Integer maxLength;

    @Option(names = "--threads", paramLabel = "N",
            description = "ONNX Runtime threads per model call (default: 1, with calls side by side on every "
                    + "core: the fastest for scoring files). Give the cores to one call for the lowest latency of "
                    + "texts that come one at a time.")
    Integer threads;

    /**
     * The model directory, after checking the numeric options; a Hub model is downloaded (or found in the cache).
     *
     * @return the directory, or null for the embedded default detector (no {@code --model})
     * @throws ParameterException when {@code --model} is not a model, or a number is out of range
     */
    Path modelDir() {
        if (maxLength != null && maxLength < 1) {
            throw new ParameterException(spec.commandLine(), "--max-length must be at least 1, got " + maxLength);
        }
        if (threads != null && threads < 1) {
            throw new ParameterException(spec.commandLine(), "--threads must be at least 1, got " + threads);
        }
        return model == null ? null : HubModels.modelDir(spec, model, null, onnxFile);
    }
}
