package dev.rejection.hub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a text-classification model from the Hub into the cache and returns its snapshot directory, which
 * {@code ModelDir} and {@code RejectionDetector.load} open like any model directory.
 *
 * <p>The files: {@code config.json}; the tokenizer ({@code tokenizer.json}, else {@code vocab.json} +
 * {@code merges.txt}, else {@code vocab.txt}) with {@code tokenizer_config.json} and
 * {@code special_tokens_map.json} when the repository has them; and one ONNX file: the one asked for, else
 * {@code model.onnx}, else {@code onnx/model.onnx}.
 *
 * <p>A branch or tag is first resolved to its commit with one metadata request, and every file is then taken at
 * that commit, so the snapshot is consistent even when the branch moves meanwhile. Files already in the snapshot
 * (or known not to exist at that commit) cost no request, so a model pinned to a commit loads from the cache with
 * no network at all. Offline ({@code HF_HUB_OFFLINE=1}), only the cache is used.
 */
public final class ModelDownloader {
    private static final Logger LOG = LoggerFactory.getLogger(ModelDownloader.class);
    private static final String CONFIG = "config.json";
    private static final List<String> TOKENIZER_EXTRAS = List.of("tokenizer_config.json", "special_tokens_map.json");
    private static final List<String> DEFAULT_ONNX_FILES = List.of("model.onnx", "onnx/model.onnx");

    private final HubClient client;
    private final HubCache cache;
    private final boolean offline;

    public ModelDownloader(HubClient client, HubCache cache) {
        this.client = client;
        this.cache = cache;
        this.offline = client.settings().offline();
    }

    /** A quiet downloader for these settings, caching in their cache folder. */
    public ModelDownloader(HubSettings settings) {
        this(new HubClient(settings), new HubCache(settings.cacheDir()));
    }

    public HubCache cache() {
        return cache;
    }

    /**
     * Downloads (or finds in the cache) a model's files.
     *
     * @param onnxFile the ONNX file's path in the repository, or null for {@code model.onnx}, else
     *                 {@code onnx/model.onnx}
     * @return the snapshot directory {@code models--org--name/snapshots/{commit}}
     * @throws HubException naming the model, revision and file when one cannot be had
     * @throws IllegalArgumentException when {@code onnxFile} is not a relative path inside the repository
     */
    public Path download(RepoId id, String onnxFile) {
        if (onnxFile != null && !HubCache.isRelativeName(onnxFile)) {
            throw new IllegalArgumentException("ONNX file '" + onnxFile + "' must be a path inside the repository "
                    + id.repo() + ": relative, '/'-separated, without empty, '.' or '..' parts");
        }
        return download(id, onnxFile, true);
    }

    /**
     * Downloads (or finds in the cache) only a model's {@code config.json} and tokenizer files, e.g. to tokenize
     * without fetching hundreds of megabytes of ONNX.
     *
     * @return the snapshot directory {@code models--org--name/snapshots/{commit}}
     */
    public Path downloadTokenizer(RepoId id) {
        return download(id, null, false);
    }

    private Path download(RepoId id, String onnxFile, boolean withOnnx) {
        try {
            Snapshot snapshot = new Snapshot(id);
            snapshot.require(CONFIG);
            if (snapshot.optional("tokenizer.json").isEmpty()) {
                boolean bpe = snapshot.optional("vocab.json").isPresent() && snapshot.optional("merges.txt").isPresent();
                if (!bpe && snapshot.optional("vocab.txt").isEmpty()) {
                    throw new HubException(HubException.Reason.FILE_NOT_FOUND, "no tokenizer in " + id + ": none "
                            + "of tokenizer.json, vocab.json + merges.txt, vocab.txt" + snapshot.offlineNote());
                }
            }
            TOKENIZER_EXTRAS.forEach(snapshot::optional);
            if (!withOnnx) {
                return cache.snapshot(id.repo(), snapshot.commit);
            }
            if (onnxFile != null) {
                snapshot.require(onnxFile);
            } else if (snapshot.optional(DEFAULT_ONNX_FILES.get(0)).isEmpty()) {
                if (snapshot.optional(DEFAULT_ONNX_FILES.get(1)).isEmpty()) {
                    throw new HubException(HubException.Reason.FILE_NOT_FOUND, "no ONNX model in " + id + ": neither "
                            + String.join(" nor ", DEFAULT_ONNX_FILES) + snapshot.offlineNote() + "; name another "
                            + "ONNX file of the repository with --onnx-file");
                }
            }
            return cache.snapshot(id.repo(), snapshot.commit);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to the Hub cache " + cache.root() + " for " + id + ": "
                    + reason(e), e);
        }
    }

    /** One download: the model, its commit, and the metadata already fetched while resolving the revision. */
    /** Why a cache write failed: the file and the system's reason, which the JDK's message often leaves out. */
    private static String reason(IOException e) {
        if (e instanceof java.nio.file.FileSystemException f) {
            String why = f.getReason() != null ? f.getReason()
                    : f instanceof java.nio.file.NoSuchFileException ? "no such file or folder"
                    : f instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : f instanceof java.nio.file.FileAlreadyExistsException ? "a file is in the way"
                    : f.getClass().getSimpleName();
            return f.getFile() + ": " + why;
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private final class Snapshot {
        private final RepoId id;
        private final String commit;
        private FileMetadata configMetadata;

        Snapshot(RepoId id) throws IOException {
            this.id = id;
            this.commit = resolveCommit();
        }

        private String resolveCommit() throws IOException {
            Optional<String> cached = cache.commitOf(id.repo(), id.revision());
            if (RepoId.isCommitHash(id.revision())) {
                return id.revision();
            }
            if (offline) {
                return cached.orElseThrow(() -> notCached(CONFIG, "revision " + id.revision()
                        + " was never downloaded (no " + HubCache.folderName(id.repo()) + "/refs/" + id.revision()
                        + ")"));
            }
            try {
                configMetadata = client.metadata(id.repo(), id.revision(), CONFIG);
            } catch (HubException e) {
                if (e.reason() == HubException.Reason.NETWORK && cached.isPresent()) {
                    // as huggingface_hub does: the Hub is out of reach, the last known snapshot will do
                    LOG.warn("{}; using the cached snapshot {} of {}", e.getMessage(), cached.get(), id);
                    return cached.get();
                }
                throw e;
            }
            cache.writeRef(id.repo(), id.revision(), configMetadata.commit());
            return configMetadata.commit();
        }

        Path require(String path) throws IOException {
            return fetch(path, true).orElseThrow();
        }

        Optional<Path> optional(String path) {
            try {
                return fetch(path, false);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write to the Hub cache " + cache.root() + " for " + path
                        + " of " + id + ": " + reason(e), e);
            }
        }

        private Optional<Path> fetch(String path, boolean required) throws IOException {
            Optional<Path> cached = cache.cached(id.repo(), commit, path);
            if (cached.isPresent()) {
                return cached;
            }
            if (cache.knownMissing(id.repo(), commit, path)) {
                if (required) {
                    throw new HubException(HubException.Reason.FILE_NOT_FOUND, "file not found: " + path + " of "
                            + id.repo() + " at revision " + id.revision() + " (commit " + commit + ")");
                }
                return Optional.empty();
            }
            if (offline) {
                if (required) {
                    throw notCached(path, "it is not in the cache");
                }
                return Optional.empty(); // cannot tell; the model directory check names what is missing
            }
            FileMetadata file;
            if (path.equals(CONFIG) && configMetadata != null) {
                file = configMetadata;
            } else {
                try {
                    file = client.metadata(id.repo(), commit, path);
                    if (!file.commit().equals(commit)) {
                        // a file of another commit stored under this one would make a pinned snapshot a lie
                        throw new HubException(HubException.Reason.SERVER_ERROR, "asked for " + path + " of "
                                + id.repo() + " at commit " + commit + ", the Hub answered for commit "
                                + file.commit() + "; refused, nothing was written");
                    }
                } catch (HubException e) {
                    if (e.reason() != HubException.Reason.FILE_NOT_FOUND) {
                        throw e;
                    }
                    cache.markMissing(id.repo(), commit, path);
                    if (required) {
                        throw new HubException(e.reason(), e.getMessage() + " (commit " + commit + " of "
                                + id + ")", e);
                    }
                    return Optional.empty();
                }
            }
            return Optional.of(cache.store(id.repo(), commit, path, file,
                    incomplete -> client.download(file, path, incomplete)));
        }

        private HubException notCached(String path, String why) {
            return new HubException(HubException.Reason.NOT_CACHED, "offline (HF_HUB_OFFLINE is set): cannot load "
                    + path + " of model " + id.repo() + " at revision " + id.revision() + ": " + why + " in "
                    + cache.root() + ". Download it once with network access ('rejection download " + id.repo()
                    + (id.revision().equals(RepoId.DEFAULT_REVISION) ? "" : " --revision " + id.revision())
                    + (path.endsWith(".onnx") && !DEFAULT_ONNX_FILES.contains(path) ? " --onnx-file " + path : "")
                    + "'), or unset HF_HUB_OFFLINE");
        }

        String offlineNote() {
            return offline ? " in the cache (offline: files not downloaded before could not be looked up)" : "";
        }
    }
}
