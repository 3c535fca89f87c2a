package dev.rejection.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rejection download}: brings a Hub model's config, tokenizer and ONNX files into the Hugging Face cache
 * and prints the snapshot directory, which {@code --model} accepts like any model directory.
 */
@Command(name = "download", sortOptions = false,
        description = {"Download a model from the Hugging Face Hub into its cache and print its directory.",
            "Files already cached are not downloaded again; the cache is shared with Python's huggingface_hub."},
        footer = {"", "Environment: HF_ENDPOINT (default https://huggingface.co), HF_TOKEN (gated or private models), "
                + "HF_HOME / HF_HUB_CACHE (cache location, default ~/.cache/huggingface/hub), HF_HUB_OFFLINE=1 "
                + "(cache only).",
            "Exit status: 0 downloaded or cached; 2 bad arguments, or the model could not be had (the message "
                + "says why)."})
final class DownloadCommand implements Callable<Integer> {
    private final StdStreams std;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "MODEL", description = "Hub model id org/name[@revision], e.g. "
            + "ProtectAI/distilroberta-base-rejection-v1.")
    String model;

    @Option(names = "--revision", paramLabel = "REV",
            description = "Branch, tag or commit (default: the pinned commit of a known model, else main).")
    String revision;

    @Option(names = "--onnx-file", paramLabel = "PATH",
            description = "ONNX file in the repository, e.g. onnx/model_quantized.onnx (default: the known model's, "
                    + "else model.onnx, else onnx/model.onnx).")
    String onnxFile;

    DownloadCommand(StdStreams std) {
        this.std = std;
    }

    @Override
    public Integer call() {
        Path dir = HubModels.download(spec, model, revision, onnxFile);
        HubModels.printLine(std, dir.toString());
        return ExitCodes.OK;
    }
}
