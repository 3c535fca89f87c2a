package dev.rejection.hub;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Turns what a user typed after {@code --model} into a model directory: an existing directory is itself; a Hub id
 * {@code org/name[@revision]} is downloaded (or found in the cache) and its snapshot directory returned. A known
 * model without an explicit revision gets its pinned commit and ONNX file.
 */
public final class ModelLocator {
    private final Supplier<ModelDownloader> downloader;

    public ModelLocator(ModelDownloader downloader) {
        this(() -> downloader);
    }

    /**
     * A locator that makes its downloader only for a Hub id: a local directory is found without reading the Hub's
     * settings, so that a bad {@code HF_ENDPOINT} or token does not stand in the way of a model on disk.
     */
    public ModelLocator(Supplier<ModelDownloader> downloader) {
        this.downloader = downloader;
    }

    /** A locator with settings from this process's environment ({@code HF_ENDPOINT}, {@code HF_TOKEN}, ...). */
    public static ModelLocator fromEnvironment() {
        return new ModelLocator(() -> new ModelDownloader(HubSettings.fromSystem()));
    }

    /** A located model: its directory, and what we know about it when it is a known model. */
    public record Located(Path dir, Optional<RepoId> hubId, Optional<KnownModels.KnownModel> known) {
    }

    /**
     * Locates a model.
     *
     * @param model    a directory, or a Hub id {@code org/name[@revision]}
     * @param revision a revision that overrides the one in the id, or null
     * @param onnxFile the ONNX file wanted, or null for the model's default
     * @throws IllegalArgumentException when {@code model} is neither an existing directory nor a Hub id
     * @throws HubException             when the download fails
     */
    public Located locate(String model, String revision, String onnxFile) {
        return locate(model, revision, onnxFile, true);
    }

    /**
     * Locates a model for its tokenizer only: a Hub model gets {@code config.json} and its tokenizer files, not
     * its ONNX file.
     */
    public Located locateTokenizer(String model, String revision) {
        return locate(model, revision, null, false);
    }

    private Located locate(String model, String revision, String onnxFile, boolean withOnnx) {
        Path dir = asPath(model);
        if (dir != null && Files.isDirectory(dir)) {
            if (revision != null) {
                throw new IllegalArgumentException("a revision (" + revision + ") only applies to a Hub model id, "
                        + "but " + model + " is a local directory");
            }
            return new Located(dir, Optional.empty(), Optional.empty());
        }
        if (dir != null && Files.isRegularFile(dir)) {
            throw new IllegalArgumentException(model + " is a file, not a model directory (config.json, a tokenizer "
                    + "and an ONNX graph) nor a Hub model id");
        }
        if (!RepoId.looksLikeId(model) || model.startsWith(".") || model.startsWith("/")) {
            throw new IllegalArgumentException("model directory not found: " + model + " (nor is it a Hub model "
                    + "id, org/name or org/name@revision)");
        }
        return fromHub(model, revision, onnxFile, withOnnx);
    }

    /**
     * Downloads (or finds in the cache) a Hub model, never looking for a local directory of that name.
     *
     * @param id       {@code org/name[@revision]}
     * @param revision a revision that overrides the one in the id, or null
     * @param onnxFile the ONNX file wanted, or null for the model's default
     * @throws IllegalArgumentException when {@code id} is not a Hub model id
     * @throws HubException             when the download fails
     */
    public Located fromHub(String id, String revision, String onnxFile) {
        return fromHub(id, revision, onnxFile, true);
    }

    private Located fromHub(String model, String revision, String onnxFile, boolean withOnnx) {
        RepoId id = RepoId.parse(model);
        Optional<KnownModels.KnownModel> known = KnownModels.find(id.repo());
        if (revision != null && model.contains("@") && !revision.equals(id.revision())) {
            throw new IllegalArgumentException("two revisions given: " + id.revision() + " in " + model + " and "
                    + revision + " as --revision; give one");
        }
        if (revision != null) {
            id = id.at(revision);
        } else if (!model.contains("@") && known.isPresent()) {
            id = id.at(known.get().revision()); // pinned: reproducible, and no network once cached
        }
        String onnx = onnxFile != null ? onnxFile : known.map(KnownModels.KnownModel::onnxFile).orElse(null);
        ModelDownloader hub = downloader.get();
        Path snapshot = withOnnx ? hub.download(id, onnx) : hub.downloadTokenizer(id);
        return new Located(snapshot, Optional.of(id), known);
    }

    private static Path asPath(String text) {
        try {
            return Path.of(text);
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }
}
