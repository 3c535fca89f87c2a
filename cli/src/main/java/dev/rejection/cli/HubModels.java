package dev.rejection.cli;

import dev.rejection.hub.ConsoleProgress;
import dev.rejection.hub.DownloadListener;
import dev.rejection.hub.HubCache;
import dev.rejection.hub.HubClient;
import dev.rejection.hub.HubException;
import dev.rejection.hub.HubSettings;
import dev.rejection.hub.ModelDownloader;
import dev.rejection.hub.ModelLocator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * What every command's {@code --model} goes through: a model directory is used as it is, a Hub id
 * {@code org/name[@revision]} is downloaded into the Hugging Face cache (or found there) first. The Hub settings
 * come from the root command, so tests can point them at a loopback server instead of the environment.
 */
final class HubModels {
    private HubModels() {
    }

    /** The {@code --model} option's label and help text, shared by the commands. */
    static final String LABEL = "MODEL";
    static final String HELP = "Model directory in Hugging Face layout, or a Hub model id org/name[@revision] "
            + "(downloaded once into the Hugging Face cache; see 'rejection models').";

    /**
     * The model directory for {@code --model}, downloading a Hub model (with its ONNX file) when needed.
     *
     * @throws ParameterException naming the model when it is neither a directory nor a Hub model that can be had
     */
    static Path modelDir(CommandSpec spec, String model, String revision, String onnxFile) {
        return locate(spec, model, () -> locator(() -> settings(spec), spec.commandLine().getErr())
                .locate(model, revision, onnxFile).dir());
    }

    /** The snapshot directory of a Hub model (a local directory of the same name is not looked for). */
    static Path download(CommandSpec spec, String model, String revision, String onnxFile) {
        return locate(spec, model, () -> locator(() -> settings(spec), spec.commandLine().getErr())
                .fromHub(model, revision, onnxFile).dir());
    }

    /** The model directory for a command that only needs the tokenizer (a Hub model's ONNX file is not fetched). */
    static Path tokenizerDir(CommandSpec spec, String model) {
        return locate(spec, model, () -> locator(() -> settings(spec), spec.commandLine().getErr())
                .locateTokenizer(model, null).dir());
    }

    /**
     * A model loader's view: the directory for {@code model} (a directory, or a Hub id that {@code Path} kept as
     * written), for commands that take a {@code Path} and report load failures themselves, such as {@code eval}.
     *
     * @throws IllegalArgumentException when it is neither a directory nor a Hub id
     * @throws dev.rejection.hub.HubException when the Hub model cannot be had
     */
    static Path modelDir(HubSettings settings, PrintWriter err, Path model) {
        return locator(() -> settings, err).locate(model.toString(), null, null).dir();
    }

    /**
     * The Hub settings of this run (from the environment unless a test gave others).
     *
     * @throws ParameterException when a setting is unusable (a malformed HF_ENDPOINT, a token no header can carry)
     */
    static HubSettings settings(CommandSpec spec) {
        Object root = spec.root().userObject();
        try {
            return root instanceof Main main ? main.hubSettings() : HubSettings.fromSystem();
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    /** Writes one line of result to stdout, as UTF-8. */
    static void printLine(StdStreams std, String line) {
        try {
            std.out().write((line + System.lineSeparator()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            std.out().flush();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot write to stdout", e);
        }
    }

    private static Path locate(CommandSpec spec, String model, Supplier<Path> located) {
        try {
            return located.get();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e, null, model);
        } catch (HubException e) {
            throw new ParameterException(spec.commandLine(), "cannot get model " + model + ": " + e.getMessage(), e,
                    null, model);
        } catch (java.io.UncheckedIOException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e, null, model);
        }
    }

    /** A locator that reads the Hub's settings only for a Hub id: a local model needs none of them. */
    private static ModelLocator locator(Supplier<HubSettings> settings, PrintWriter err) {
        return new ModelLocator(() -> {
            HubSettings hub = settings.get();
            // a bar only on a terminal: logs and pipes get no carriage-return noise
            DownloadListener listener = Progress.stderrIsTerminal() ? new ConsoleProgress(err) : DownloadListener.QUIET;
            return new ModelDownloader(new HubClient(hub, listener, 3), new HubCache(hub.cacheDir()));
        });
    }
}
